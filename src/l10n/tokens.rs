//! Tokens a translation must carry over unchanged: URLs, e-mail addresses, file paths and names,
//! command-line options and `code` in backticks; and how the target's differ from the source's.
//! A URL may change its locale segment (`/en/` → `/de/`, `?lang=en` → `?lang=de`) and stay the
//! same link.

use super::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Url,
    Email,
    Path,
    Option,
    Code,
    /// Old GNU quoting (`` `help name' ``): protected from other rules, but a translation may
    /// quote it its own way and translate a metavariable inside, so it is not compared.
    Quoted,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Url => "URL",
            Kind::Email => "e-mail address",
            Kind::Path => "file path",
            Kind::Option => "command option",
            Kind::Code => "code",
            Kind::Quoted => "quoted text",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub span: Span,
    pub text: String,
}

/// Characters that end a URL or path when they are its last character (sentence punctuation and
/// closing brackets and quotes around it).
const TRAILING: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '"', '\'', '»', '”', '“', '’', '」', '』',
    '）', '。', '、', '，', '！', '？',
];

fn token_end(text: &str, start: usize, stop: impl Fn(char) -> bool) -> usize {
    let mut end = start;
    for (i, c) in text[start..].char_indices() {
        if c.is_whitespace() || stop(c) {
            break;
        }
        end = start + i + c.len_utf8();
    }
    while end > start {
        let Some(c) = text[..end].chars().next_back() else {
            break;
        };
        // Keep a closing parenthesis that has its opening one inside the URL (Wikipedia links).
        let paired = c == ')' && text[start..end].contains('(');
        if TRAILING.contains(&c) && !paired {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn boundary_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| {
        (!c.is_alphanumeric() || super::lang::is_cjk(c))
            && c != '_'
            && c != '-'
            && c != '.'
            && c != '/'
    })
}

/// URLs: `scheme://…`, `mailto:…`, `www.…`.
pub fn urls(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let starts = [
            "https://", "http://", "ftp://", "file://", "mailto:", "www.",
        ]
        .iter()
        .find(|p| {
            rest.get(..p.len())
                .is_some_and(|x| x.eq_ignore_ascii_case(p))
        });
        if let Some(p) = starts.filter(|_| boundary_before(text, i)) {
            let end = token_end(text, i, |c| {
                matches!(c, '<' | '"' | '»' | '”' | '」') || super::lang::is_cjk(c)
            });
            if end > i + p.len() {
                out.push(Token {
                    kind: Kind::Url,
                    span: Span::new(i, end),
                    text: text[i..end].to_string(),
                });
                i = end;
                continue;
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// E-mail addresses (`name@example.com`), outside URLs.
pub fn emails(text: &str) -> Vec<Token> {
    let url_spans: Vec<Span> = urls(text).iter().map(|t| t.span).collect();
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        if url_spans
            .iter()
            .any(|s| s.start <= at && at < s.end && !text[s.start..s.end].starts_with("mailto:"))
        {
            continue;
        }
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| local(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let mut end = at
            + 1
            + text[at + 1..]
                .chars()
                .take_while(|c| domain(*c))
                .map(char::len_utf8)
                .sum::<usize>();
        while text[..end].ends_with(['.', '-']) {
            end -= 1;
        }
        let dom = &text[at + 1..end];
        let tld_ok = dom
            .rsplit('.')
            .next()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
        if start < at && dom.contains('.') && tld_ok {
            out.push(Token {
                kind: Kind::Email,
                span: Span::new(start, end),
                text: text[start..end].to_string(),
            });
        }
    }
    out
}

/// File extensions that make a `name.ext` word a file name rather than the end of a sentence.
const EXTENSIONS: &[&str] = &[
    "txt", "csv", "tsv", "json", "jsonl", "xml", "yaml", "yml", "ini", "conf", "cfg", "log", "po",
    "pot", "mo", "xlf", "xliff", "tmx", "png", "jpg", "jpeg", "gif", "svg", "webp", "pdf", "doc",
    "docx", "xls", "xlsx", "ppt", "pptx", "odt", "zip", "tar", "gz", "tgz", "bz2", "xz", "7z",
    "html", "htm", "css", "js", "ts", "py", "rs", "go", "java", "exe", "dll", "so", "dylib", "sh",
    "bat", "ps1", "md", "toml", "lock", "sql", "db", "sqlite", "iso", "dmg", "apk", "deb", "rpm",
    "mp3", "mp4", "wav", "ogg", "srt", "vtt", "key", "pem", "crt",
];

/// File paths (`/usr/local/bin`, `~/.config/app`, `./run.sh`, `C:\Program Files`,
/// `%APPDATA%\App`) and file names with a known extension (`config.yaml`).
pub fn paths(text: &str) -> Vec<Token> {
    let skip: Vec<Span> = urls(text)
        .into_iter()
        .chain(emails(text))
        .map(|t| t.span)
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let inside = skip.iter().find(|s| s.start <= i && i < s.end);
        if let Some(s) = inside {
            i = s.end;
            continue;
        }
        if !boundary_before(text, i) {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let b = rest.as_bytes();
        let drive = b.len() > 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\';
        let env = rest.starts_with('%')
            && rest[1..].find("%\\").is_some_and(|n| {
                n > 0
                    && rest[1..1 + n]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        let unix = rest.starts_with("~/")
            || rest.starts_with("./")
            || rest.starts_with("../")
            || (rest.starts_with('/')
                && rest[1..]
                    .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                && {
                    let end = token_end(text, i, |_| false);
                    text[i + 1..end].contains('/')
                });
        let end = token_end(text, i, |c| {
            matches!(c, '"' | '<' | '»' | '”' | '」' | '(') || super::lang::is_cjk(c)
        });
        // "/REGEXP/[OFFSET]" in a help text is a pattern of metavariables, not a path.
        let metavariables = unix
            && text[i..end].split('/').filter(|p| !p.is_empty()).all(|p| {
                p.chars()
                    .all(|c| c.is_ascii_uppercase() || matches!(c, '[' | ']' | '_' | '-' | '+'))
            });
        if (drive || env || unix) && end > i + 2 && !metavariables {
            out.push(Token {
                kind: Kind::Path,
                span: Span::new(i, end),
                text: text[i..end].to_string(),
            });
            i = end;
            continue;
        }
        // `name.ext`: letters/digits/_/- then a known extension, as a whole word.
        let word_end = i + rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
            .map_or(rest.len(), |(n, _)| n);
        let mut word = &text[i..word_end];
        while word.ends_with(['.', '-']) {
            word = &word[..word.len() - 1];
        }
        if let Some((stem, ext)) = word.rsplit_once('.') {
            let ext_ok = EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext));
            if ext_ok && !stem.is_empty() && stem.chars().any(|c| c.is_ascii_alphanumeric()) {
                out.push(Token {
                    kind: Kind::Path,
                    span: Span::new(i, i + word.len()),
                    text: word.to_string(),
                });
            }
        }
        i = word_end.max(i + rest.chars().next().map_or(1, char::len_utf8));
    }
    out
}

/// Command-line options: `--force`, `--output=FILE`, `-v` (a dash and one letter as a word).
pub fn options(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(n) = text[i..].find('-') {
        let at = i + n;
        let before_ok = text[..at].chars().next_back().is_none_or(|c| {
            c.is_whitespace()
                || super::lang::is_cjk(c)
                || matches!(c, '(' | '[' | '"' | '\'' | '`' | '«' | '„' | '“' | '「')
        });
        let rest = &text[at..];
        if before_ok {
            if let Some(long) = rest.strip_prefix("--") {
                // The option and its value as written (`--key=KEYDEF`, `--userspec=USER:GROUP`):
                // the value is a metavariable a translation may translate.
                let n = long
                    .char_indices()
                    .find(|(_, c)| {
                        c.is_whitespace()
                            || matches!(c, ',' | ')' | ']' | '"' | '\'' | '`' | '»' | '”' | '」')
                    })
                    .map_or(long.len(), |(k, _)| k);
                let name = &long[..n];
                let name_len = name
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(name.len());
                if name.starts_with(|c: char| c.is_ascii_alphabetic()) && name_len >= 2 {
                    let end = at + 2 + n;
                    out.push(Token {
                        kind: Kind::Option,
                        span: Span::new(at, end),
                        text: text[at..end].to_string(),
                    });
                    i = end;
                    continue;
                }
            } else {
                let mut cs = rest[1..].chars();
                let (c1, c2) = (cs.next(), cs.next());
                if c1.is_some_and(|c| c.is_ascii_alphabetic())
                    && c2.is_none_or(|c| {
                        c.is_whitespace()
                            || matches!(
                                c,
                                ')' | ']' | ',' | '"' | '\'' | '`' | '»' | '“' | '”' | '」' | '='
                            )
                    })
                {
                    out.push(Token {
                        kind: Kind::Option,
                        span: Span::new(at, at + 2),
                        text: text[at..at + 2].to_string(),
                    });
                    i = at + 2;
                    continue;
                }
            }
        }
        i = at + 1;
    }
    out
}

/// Text in backticks: `` `make install` ``, and old GNU quoting `` `help help' ``.
pub fn code(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(open) = text[i..].find('`') {
        let start = i + open;
        let rest = &text[start + 1..];
        let Some(len) = rest.find(['`', '\'']) else {
            break;
        };
        let end = start + 1 + len + 1;
        let gnu = rest[len..].starts_with('\'');
        if len > 0 && !text[start + 1..end - 1].contains('\n') {
            out.push(Token {
                kind: if gnu { Kind::Quoted } else { Kind::Code },
                span: Span::new(start, end),
                text: text[start..end].to_string(),
            });
        }
        i = end;
    }
    out
}

/// Every protected token of `text`, in order, overlapping ones dropped (a URL wins over the
/// path inside it).
pub fn all(text: &str) -> Vec<Token> {
    let mut v: Vec<Token> = code(text)
        .into_iter()
        .chain(urls(text))
        .chain(emails(text))
        .chain(paths(text))
        .chain(options(text))
        .collect();
    v.sort_by_key(|t| (t.span.start, std::cmp::Reverse(t.span.end)));
    let mut out: Vec<Token> = Vec::with_capacity(v.len());
    for t in v {
        if out.last().is_some_and(|p| t.span.start < p.span.end) {
            continue;
        }
        out.push(t);
    }
    out
}

/// How a target's protected tokens differ from its source's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// In the source, and nothing in the target stands for it.
    Missing(Token),
    /// The source's token written differently in the target (the closest one of its kind).
    Changed { source: Token, target: Token },
    /// A URL or e-mail address in the target only.
    Extra(Token),
}

/// Language codes a URL may carry in a path segment or a `lang=` parameter.
fn locale_neutral(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let (path, query) = lower.split_once('?').unwrap_or((&lower, ""));
    let segs: Vec<String> = path
        .split('/')
        .map(|s| {
            let is_locale = (s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()))
                || (s.len() == 5 && s.as_bytes()[2] == b'-'
                    || s.len() == 5 && s.as_bytes()[2] == b'_')
                    && s.chars().filter(|c| c.is_ascii_alphabetic()).count() == 4;
            if is_locale {
                "<lang>".to_string()
            } else {
                s.to_string()
            }
        })
        .collect();
    let query: Vec<String> = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if matches!(k, "lang" | "hl" | "locale" | "language" | "lng") => {
                format!("{k}=<lang>")
            }
            _ => kv.to_string(),
        })
        .collect();
    format!("{}?{}", segs.join("/"), query.join("&"))
}

/// Whether `needle` occurs in `text` not as part of a longer word ("--force" is not in
/// "--forcer").
fn contains_whole(text: &str, needle: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() && !super::lang::is_cjk(c) || c == '-' || c == '_';
    !needle.is_empty()
        && text.match_indices(needle).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + needle.len()..].chars().next();
            !before.is_some_and(word) && !after.is_some_and(word)
        })
}

/// An option's name without its value (`--key` of `--key=KEYDEF`).
fn option_name(t: &str) -> &str {
    t.split('=')
        .next()
        .unwrap_or(t)
        .trim_end_matches(['[', ':'])
}

/// The content of code in quotes (`` `make` `` → `make`).
fn code_inner(t: &str) -> &str {
    t.trim_matches(|c| c == '`' || c == '\'')
}

/// Whether URL `b` is `a` or a page under it, whatever the scheme: a translator may point
/// "https://translationproject.org/team/" at their own team's page.
fn more_specific(a: &str, b: &str) -> bool {
    let strip = |u: &str| {
        u.trim_start_matches("https://")
            .trim_start_matches("http://")
            .to_ascii_lowercase()
    };
    let (a, b) = (strip(a), strip(b));
    a.ends_with('/') && b.starts_with(&a)
}

fn same(kind: Kind, a: &str, b: &str) -> bool {
    match kind {
        Kind::Url => a == b || locale_neutral(a) == locale_neutral(b) || more_specific(a, b),
        Kind::Email => a.eq_ignore_ascii_case(b),
        Kind::Option => option_name(a) == option_name(b),
        Kind::Path => a == b,
        Kind::Code | Kind::Quoted => code_inner(a) == code_inner(b),
    }
}

/// Compares protected tokens: each source token needs a target token of its kind written the
/// same (URLs: up to their locale segment or a page under them; options: by name, the value is
/// a metavariable); URLs and e-mail addresses only in the target are reported too where the
/// source has none and no placeholder (paths and options there may be the translator's own,
/// correct additions). Short options and old GNU `quotes' are not compared. `source_placeholders`
/// says whether the source has a placeholder (the caller reads them with `placeholders`, which
/// reads URLs with this module).
pub fn diff(source: &str, target: &str, source_placeholders: bool) -> Vec<Issue> {
    // Short options ("-x") are named in help prose that translations rephrase; long ones are kept.
    let compared =
        |t: &Token| t.kind != Kind::Quoted && (t.kind != Kind::Option || t.text.starts_with("--"));
    let s: Vec<Token> = all(source).into_iter().filter(compared).collect();
    let t: Vec<Token> = all(target).into_iter().filter(compared).collect();
    let mut used = vec![false; t.len()];
    let mut unmatched = Vec::new();
    for tok in &s {
        let hit = (0..t.len())
            .find(|&j| !used[j] && t[j].kind == tok.kind && same(tok.kind, &tok.text, &t[j].text));
        match hit {
            Some(j) => used[j] = true,
            // Code may be quoted another way in the translation ("`icon`" → 「icon」).
            None if tok.kind == Kind::Code && contains_whole(target, code_inner(&tok.text)) => {}
            // An option glued to CJK text or in other quotes is still there.
            None if tok.kind == Kind::Option && contains_whole(target, option_name(&tok.text)) => {}
            None => unmatched.push(tok),
        }
    }
    let mut issues = Vec::new();
    for tok in unmatched {
        // The leftover target token of the same kind, if any, is what the source's became (not
        // for code, whose quotes a translation pairs its own way).
        let other =
            (0..t.len()).find(|&j| !used[j] && t[j].kind == tok.kind && tok.kind != Kind::Code);
        match other {
            Some(j) => {
                used[j] = true;
                issues.push(Issue::Changed {
                    source: tok.clone(),
                    target: t[j].clone(),
                });
            }
            None => issues.push(Issue::Missing(tok.clone())),
        }
    }
    // Translators add their team's address to "Report bugs to: %s": an added URL or address
    // is reported only where the source has no address and nothing that could carry one.
    let carrier =
        s.iter().any(|t| matches!(t.kind, Kind::Url | Kind::Email)) || source_placeholders;
    for (j, tok) in t.iter().enumerate() {
        if !used[j] && !carrier && matches!(tok.kind, Kind::Url | Kind::Email) {
            issues.push(Issue::Extra(tok.clone()));
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: Vec<Token>) -> Vec<String> {
        v.into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn finds_urls_emails_paths_options() {
        assert_eq!(
            texts(urls(
                "See https://example.com/docs/(x). Or www.foo.org, thanks."
            )),
            ["https://example.com/docs/(x)", "www.foo.org"]
        );
        assert_eq!(
            texts(urls("詳しくはhttps://example.jp/を参照。")),
            ["https://example.jp/"]
        );
        assert_eq!(
            texts(emails("Write to help@example.com. Not a@b or @home.")),
            ["help@example.com"]
        );
        assert_eq!(
            texts(paths(
                "Edit ~/.config/app/settings.toml or C:\\Program or /etc/hosts, and/or run ./setup.sh, not km/h or e.g. 1/2."
            )),
            [
                "~/.config/app/settings.toml",
                "C:\\Program",
                "/etc/hosts",
                "./setup.sh"
            ]
        );
        assert_eq!(
            texts(paths("Open report.pdf and data.CSV. End.")),
            ["report.pdf", "data.CSV"]
        );
        assert_eq!(
            texts(options(
                "Use --force or -v (or --out=FILE), not e-mail or -5 or a - b."
            )),
            ["--force", "-v", "--out=FILE"]
        );
        assert_eq!(
            texts(options("上書きするには、--force を付けて")),
            ["--force"]
        );
        assert_eq!(texts(code("Run `make install` now")), ["`make install`"]);
    }

    #[test]
    fn diff_reports_missing_changed_extra() {
        assert!(
            diff(
                "Visit https://example.com/en/help",
                "Besuchen Sie https://example.com/de/help",
                false
            )
            .is_empty()
        );
        assert!(
            diff(
                "See https://x.org/?lang=en",
                "Siehe https://x.org/?lang=de",
                false
            )
            .is_empty()
        );
        let d = diff("Mail help@example.com", "Mail hilfe@example.com", false);
        assert!(
            matches!(&d[..], [Issue::Changed { source, target }] if source.text == "help@example.com" && target.text == "hilfe@example.com")
        );
        let d = diff("Run with --force", "Mit --forcieren ausführen", false);
        assert!(matches!(&d[..], [Issue::Changed { .. }]));
        let d = diff("Edit /etc/hosts", "Bearbeiten Sie die Hosts-Datei", false);
        assert!(matches!(&d[..], [Issue::Missing(t)] if t.kind == Kind::Path));
        let d = diff("Help", "Hilfe: https://evil.example", false);
        assert!(matches!(&d[..], [Issue::Extra(_)]));
    }
}
