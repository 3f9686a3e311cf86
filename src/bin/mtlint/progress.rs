//! What a run shows on stderr: its lines (errors, warnings, the summary) and a progress bar
//! (indicatif) drawn only when stderr is a terminal and `--quiet` is off, so pipes, CI logs and
//! tests see nothing. The library reports through `run::session::Ui` and `engine::Progress`;
//! this is the command line's drawing of them.

use std::io::IsTerminal;
use std::time::Duration;

use std::cell::OnceCell;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mtlint::engine::Progress;
use mtlint::run::session::Ui;

/// A bar for one run, or a hidden one that draws nothing.
pub struct Bar {
    bar: ProgressBar,
    shown: bool,
    /// A spinner counts sentences across chunks and takes no phases.
    spinner: bool,
}

impl Bar {
    /// A bar when stderr is a terminal and the run is not quiet; otherwise hidden.
    pub fn for_run(quiet: bool) -> Bar {
        Bar::new(!quiet && std::io::stderr().is_terminal(), false)
    }

    /// A spinner counting sentences, for streams whose length is unknown.
    pub fn for_stream(quiet: bool) -> Bar {
        Bar::new(!quiet && std::io::stderr().is_terminal(), true)
    }

    fn new(shown: bool, spinner: bool) -> Bar {
        if !shown {
            return Bar {
                bar: ProgressBar::hidden(),
                shown,
                spinner,
            };
        }
        let bar = if spinner {
            let b = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} {prefix} {pos} sentence(s) checked ({per_sec}) {msg}",
            ) {
                b.set_style(style);
            }
            b.enable_steady_tick(Duration::from_millis(200));
            b
        } else {
            let b = ProgressBar::new(0);
            if let Ok(style) = ProgressStyle::with_template(
                "{prefix} {msg:<24} [{wide_bar}] {pos}/{len} ({per_sec}, ETA {eta})",
            ) {
                b.set_style(style.progress_chars("=> "));
            }
            b
        };
        bar.set_draw_target(ProgressDrawTarget::stderr());
        Bar {
            bar,
            shown,
            spinner,
        }
    }

    /// `N file(s)` in front of the bar.
    pub fn set_files(&self, files: usize) {
        self.bar.set_prefix(format!("{files} file(s)"));
    }

    /// Counts units on a spinner.
    pub fn inc(&self, n: usize) {
        self.bar.inc(n as u64);
    }

    /// Prints a line above the bar (errors and warnings during the run).
    pub fn eprintln(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// Removes the bar before the summary is printed.
    pub fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn phase(&self, what: &'static str, total: usize) {
        if self.spinner {
            return;
        }
        self.bar.set_message(what);
        self.bar.set_length(total as u64);
        self.bar.reset();
    }

    fn advance(&self, n: usize) {
        if !self.spinner {
            self.bar.inc(n as u64);
        }
    }

    fn wants_updates(&self) -> bool {
        self.shown && !self.spinner
    }
}

/// The terminal a `check` run talks to: a bar (or spinner, for streams) once the run starts,
/// lines on stderr above it.
pub struct Terminal {
    quiet: bool,
    bar: OnceCell<Bar>,
}

impl Terminal {
    pub fn new(quiet: bool) -> Terminal {
        Terminal {
            quiet,
            bar: OnceCell::new(),
        }
    }
}

impl Progress for Terminal {
    fn phase(&self, what: &'static str, total: usize) {
        if let Some(b) = self.bar.get() {
            b.phase(what, total);
        }
    }

    fn advance(&self, n: usize) {
        if let Some(b) = self.bar.get() {
            b.advance(n);
        }
    }

    fn wants_updates(&self) -> bool {
        self.bar.get().is_some_and(Progress::wants_updates)
    }
}

impl Ui for Terminal {
    fn start(&self, stream: bool) {
        let _ = self.bar.set(if stream {
            Bar::for_stream(self.quiet)
        } else {
            Bar::for_run(self.quiet)
        });
    }

    fn message(&self, line: &str) {
        // File names, ids and quoted text reach these lines: no control character may drive the
        // terminal or start a forged log line.
        let line = &mtlint::escape::escape(line);
        match self.bar.get() {
            Some(b) => b.eprintln(line),
            None => eprintln!("{line}"),
        }
    }

    fn files(&self, n: usize) {
        if let Some(b) = self.bar.get() {
            b.set_files(n);
        }
    }

    fn checked(&self, sentences: usize) {
        if let Some(b) = self.bar.get().filter(|b| b.spinner) {
            b.inc(sentences);
        }
    }

    fn done(&self) {
        if let Some(b) = self.bar.get() {
            b.clear();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        // An error return must not leave a half-drawn bar on the terminal.
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_bar_takes_no_updates_and_draws_nothing() {
        let b = Bar::new(false, false);
        assert!(!b.wants_updates());
        b.phase("scoring", 10);
        b.advance(3);
        assert!(b.bar.is_hidden());
    }
}
