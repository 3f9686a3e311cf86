//! Placeholders and format specifiers in the syntaxes localisation files carry — printf with
//! positions (`%s`, `%1$s`, `%-5.2f`, `%lu`, `%@`), Python (`%(name)s`, `{name}`), Ruby
//! (`%{name}`), Qt (`%1`), .NET/Java/ICU (`{0}`, `{0:N2}`, `{name}`), Mustache, Angular, Twig and
//! Jinja (`{{ name }}`, `{% tag %}`), JavaScript/shell (`${x}`, `$x`), Symfony (`%name%`) and
//! Laravel (`:name`) — and how a target's set differs from its source's: a placeholder dropped,
//! added, renamed, or printf arguments reordered without positions.
//!
//! Every placeholder gets a normalised `key` (`{{ iban }}` and `{{iban}}` are the same; flags and
//! widths of printf are left out, so a translator may pad differently). A complex ICU argument
//! (`{n, plural, …}`) is one placeholder here; `icu` compares its inside.

use std::collections::BTreeMap;

use super::Span;

/// The syntax a placeholder is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Syntax {
    /// C/ObjC/Java printf: `%s`, `%1$s`, `%-5.2f`, `%lu`, `%@`.
    Printf,
    /// Python named printf: `%(name)s`.
    PythonNamed,
    /// Ruby: `%{name}`, `%<name>s`.
    Ruby,
    /// Qt positional: `%1` … `%99`.
    Qt,
    /// Braces: `{0}`, `{name}`, `{0:N2}`, `{}`, ICU simple and formatted arguments.
    Brace,
    /// Double braces: `{{ name }}`, `{{{ html }}}`.
    Mustache,
    /// Template tags: `{% trans %}`.
    Template,
    /// `${name}`.
    Dollar,
    /// `$name`, `$name$` (browser extension messages).
    DollarName,
    /// Symfony: `%name%`.
    Percent,
    /// Laravel: `:name`.
    Colon,
    /// An ICU plural, select or selectordinal argument, as a whole.
    Icu,
}

impl Syntax {
    /// Weak syntaxes look like ordinary text often enough that a target-only one is reported
    /// only when the source uses the same syntax.
    pub fn weak(self) -> bool {
        matches!(self, Syntax::DollarName | Syntax::Percent | Syntax::Colon)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Syntax::Printf => "printf",
            Syntax::PythonNamed => "python-format",
            Syntax::Ruby => "ruby-format",
            Syntax::Qt => "qt-format",
            Syntax::Brace => "brace-format",
            Syntax::Mustache => "double-brace",
            Syntax::Template => "template-tag",
            Syntax::Dollar => "dollar-brace",
            Syntax::DollarName => "dollar-name",
            Syntax::Percent => "percent-name",
            Syntax::Colon => "colon-name",
            Syntax::Icu => "icu-message",
        }
    }
}

/// One placeholder as written in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub span: Span,
    pub syntax: Syntax,
    /// As written: `{{ iban }}`, `%1$s`.
    pub text: String,
    /// The identity compared across source and target: `{{iban}}`, `%1$s`, `%s`, `{0}`.
    pub key: String,
    /// printf only: the 1-based argument position when written (`%2$s` → 2).
    pub position: Option<usize>,
    /// printf, Python and Ruby: the conversion with its length modifier (`s`, `ld`, `@`).
    pub conversion: Option<String>,
}

const PRINTF_CONVERSIONS: &str = "diouxXeEfFgGaAcspn@";

fn ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Length of an identifier at the start of `s` (letters, digits, `_`, inner `.` and `-`).
fn ident_len(s: &str) -> usize {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let ok = if i == 0 {
            ident_start(c)
        } else {
            ident_char(c) || (matches!(c, '.' | '-') && s[i + 1..].starts_with(ident_char))
        };
        if !ok {
            break;
        }
        end = i + c.len_utf8();
    }
    end
}

fn digits_len(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// Every placeholder in `text`, in order. Placeholders inside URLs (`%20`) are not read.
pub fn extract(text: &str) -> Vec<Placeholder> {
    let skip: Vec<Span> = super::tokens::urls(text)
        .into_iter()
        .map(|t| t.span)
        .collect();
    extract_excluding(text, &skip)
}

/// Every placeholder in `text` outside the `skip` spans (URLs, Symfony plural intervals).
pub fn extract_excluding(text: &str, skip: &[Span]) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if let Some(s) = skip.iter().find(|s| s.start <= i && i < s.end) {
            i = s.end;
            continue;
        }
        let rest = &text[i..];
        let found = match rest.as_bytes()[0] {
            b'%' => percent(text, i),
            b'{' => brace(text, i),
            b'$' => dollar(text, i),
            b':' => colon(text, i),
            _ => None,
        };
        match found {
            Some(Found::Placeholder(p)) => {
                i = p.span.end;
                out.push(p);
            }
            Some(Found::Skip(n)) => i += n,
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

enum Found {
    Placeholder(Placeholder),
    /// An escape such as `%%` or `{{` that is text: skip this many bytes.
    Skip(usize),
}

fn make(
    text: &str,
    start: usize,
    end: usize,
    syntax: Syntax,
    key: String,
    position: Option<usize>,
    conversion: Option<String>,
) -> Option<Found> {
    Some(Found::Placeholder(Placeholder {
        span: Span::new(start, end),
        syntax,
        text: text[start..end].to_string(),
        key,
        position,
        conversion,
    }))
}

/// printf flags, width, precision, length and conversion after `%` (and a position or a
/// Python/Ruby name); returns the byte length consumed and the length+conversion.
fn printf_tail(s: &str, allow_flags: bool) -> Option<(usize, String)> {
    let b = s.as_bytes();
    let mut i = 0;
    if allow_flags {
        while i < b.len() && matches!(b[i], b'-' | b'+' | b'#' | b'0' | b'\'') {
            i += 1;
        }
    }
    if i < b.len() && b[i] == b'*' {
        i += 1;
    } else {
        i += digits_len(&s[i..]);
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if i < b.len() && b[i] == b'*' {
            i += 1;
        } else {
            i += digits_len(&s[i..]);
        }
    }
    let len_start = i;
    for m in ["hh", "ll", "I64", "I32", "h", "l", "L", "q", "j", "z", "t"] {
        if s[i..].starts_with(m) {
            i += m.len();
            break;
        }
    }
    let c = s[i..].chars().next()?;
    if !PRINTF_CONVERSIONS.contains(c) {
        return None;
    }
    let conv = s[len_start..i + 1].to_string();
    Some((i + 1, conv))
}

fn percent(text: &str, at: usize) -> Option<Found> {
    let rest = &text[at + 1..];
    let next = rest.chars().next()?;
    if next == '%' {
        return Some(Found::Skip(2));
    }
    // Python `%(name)s`.
    if let Some(inner) = rest.strip_prefix('(') {
        let close = inner.find(')')?;
        let name = &inner[..close];
        if name.is_empty() || name.contains(char::is_whitespace) {
            return None;
        }
        let (n, conv) = printf_tail(&inner[close + 1..], true)?;
        let end = at + 2 + close + 1 + n;
        let key = format!("%({name}){conv}");
        return make(text, at, end, Syntax::PythonNamed, key, None, Some(conv));
    }
    // Ruby `%{name}` and `%<name>s`.
    if let Some(inner) = rest.strip_prefix('{') {
        let n = ident_len(inner);
        if n > 0 && inner[n..].starts_with('}') {
            let name = &inner[..n];
            return make(
                text,
                at,
                at + 3 + n,
                Syntax::Ruby,
                format!("%{{{name}}}"),
                None,
                None,
            );
        }
        return None;
    }
    if let Some(inner) = rest.strip_prefix('<') {
        let n = ident_len(inner);
        // gettext's `%<PRIdMAX>`: a printf conversion named by an <inttypes.h> macro.
        if inner.starts_with("PRI") && inner[n..].starts_with('>') {
            let name = &inner[..n];
            return make(
                text,
                at,
                at + 3 + n,
                Syntax::Printf,
                format!("%<{name}>"),
                None,
                Some(format!("<{name}>")),
            );
        }
        if n > 0 && inner[n..].starts_with('>') {
            let (m, conv) = printf_tail(&inner[n + 1..], true)?;
            let name = &inner[..n];
            let key = format!("%<{name}>{conv}");
            return make(
                text,
                at,
                at + 3 + n + m,
                Syntax::Ruby,
                key,
                None,
                Some(conv),
            );
        }
        return None;
    }
    // Symfony `%name%` (before printf, which would read `%c` of `%count%`).
    let n = ident_len(rest);
    // `%REGEXP%` in a help text is a metavariable; Symfony names are lowercase.
    if n >= 2 && rest[n..].starts_with('%') && rest[..n].chars().any(|c| c.is_ascii_lowercase()) {
        let name = &rest[..n];
        return make(
            text,
            at,
            at + n + 2,
            Syntax::Percent,
            format!("%{name}%"),
            None,
            None,
        );
    }
    // Position `%1$s`, Qt `%1`, or printf with a width `%5d`.
    let d = digits_len(rest);
    if d > 0 && rest[d..].starts_with('$') {
        let pos: usize = rest[..d].parse().ok()?;
        let (m, conv) = printf_tail(&rest[d + 1..], true)?;
        let key = format!("%{pos}${conv}");
        return make(
            text,
            at,
            at + 1 + d + 1 + m,
            Syntax::Printf,
            key,
            Some(pos),
            Some(conv),
        );
    }
    let preceded_by_digit = text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    if let Some((m, conv)) = printf_tail(rest, true) {
        let end = at + 1 + m;
        // "100%ige", "50%a": a percent sign after a number, glued to a word, is text.
        let glued = text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if preceded_by_digit && glued {
            return None;
        }
        let key = format!("%{conv}");
        return make(text, at, end, Syntax::Printf, key, None, Some(conv));
    }
    if d > 0 && d <= 2 && !preceded_by_digit {
        let pos: usize = rest[..d].parse().ok()?;
        if pos == 0 {
            return None;
        }
        return make(
            text,
            at,
            at + 1 + d,
            Syntax::Qt,
            format!("%{pos}"),
            Some(pos),
            None,
        );
    }
    None
}

fn brace(text: &str, at: usize) -> Option<Found> {
    let rest = &text[at..];
    if let Some(inner) = rest.strip_prefix("{%") {
        let close = inner.find("%}")?;
        let body = &inner[..close];
        if body.contains('\n') || body.trim().is_empty() {
            return None;
        }
        let key = format!(
            "{{%{}%}}",
            body.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        return make(
            text,
            at,
            at + 2 + close + 2,
            Syntax::Template,
            key,
            None,
            None,
        );
    }
    if rest.starts_with("{{") {
        let triple = rest.starts_with("{{{");
        let (open, close) = if triple { ("{{{", "}}}") } else { ("{{", "}}") };
        let inner = &rest[open.len()..];
        if let Some(end) = inner.find(close) {
            let body = &inner[..end];
            let ok =
                !body.trim().is_empty() && body.len() <= 80 && !body.contains(['{', '}', '\n']);
            if ok {
                let norm: String = body.chars().filter(|c| !c.is_whitespace()).collect();
                let key = format!("{open}{norm}{close}");
                let stop = at + open.len() + end + close.len();
                return make(text, at, stop, Syntax::Mustache, key, None, None);
            }
        }
        // `{{` is an escaped brace in .NET and Python format strings.
        return Some(Found::Skip(2));
    }
    let inner = &rest[1..];
    // ICU complex arguments and formatted simple arguments.
    if let Some(arg) = super::icu::argument_at(rest) {
        let end = at + arg.len;
        let (syntax, key) = if arg.complex {
            (Syntax::Icu, format!("{{{}, {}}}", arg.name, arg.kind))
        } else {
            (Syntax::Brace, format!("{{{}}}", arg.name))
        };
        return make(text, at, end, syntax, key, None, None);
    }
    if inner.starts_with('}') {
        return make(text, at, at + 2, Syntax::Brace, "{}".into(), None, None);
    }
    let d = digits_len(inner);
    let n = if d > 0 { d } else { ident_len(inner) };
    if n == 0 {
        return None;
    }
    let name = &inner[..n];
    // `{INTEGER}` in a help text is a metavariable a translation translates.
    if d == 0 && name.len() >= 3 && !name.chars().any(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let tail = &inner[n..];
    let stop = if tail.starts_with('}') {
        0
    } else if tail.starts_with([':', '!', ',']) {
        // `{0:N2}`, `{name!r}`, `{0,10}`: a format spec up to the closing brace, on one line; a
        // comma takes an alignment number (`{ascii,ebcdic,ibm}` is a list, not a placeholder),
        // `!` a conversion letter.
        // Stopping at the first brace or line end keeps a run of unclosed `{0:` linear.
        let close = tail.find(['}', '{', '\n'])?;
        if tail.as_bytes()[close] != b'}' {
            return None;
        }
        let spec = &tail[..close];
        let number = |s: &str| {
            let n = s.trim().trim_start_matches('-');
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
        };
        let ok = match spec.as_bytes()[0] {
            b',' => number(spec[1..].split(':').next().unwrap_or("")),
            b'!' => matches!(spec.as_bytes().get(1), Some(b'r' | b's' | b'a')),
            _ => true,
        };
        if !ok {
            return None;
        }
        close
    } else {
        return None;
    };
    let end = at + 1 + n + stop + 1;
    make(
        text,
        at,
        end,
        Syntax::Brace,
        format!("{{{name}}}"),
        None,
        None,
    )
}

fn dollar(text: &str, at: usize) -> Option<Found> {
    let rest = &text[at + 1..];
    if text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    if let Some(inner) = rest.strip_prefix('{') {
        let close = inner.find(['}', '{', '\n'])?;
        let body = inner[..close].trim();
        if body.is_empty() || inner.as_bytes()[close] != b'}' {
            return None;
        }
        let key = format!("${{{body}}}");
        return make(
            text,
            at,
            at + 2 + close + 1,
            Syntax::Dollar,
            key,
            None,
            None,
        );
    }
    let n = ident_len(rest);
    if n == 0 {
        return None;
    }
    let name = &rest[..n];
    if rest[n..].starts_with('$') {
        return make(
            text,
            at,
            at + n + 2,
            Syntax::DollarName,
            format!("${name}$"),
            None,
            None,
        );
    }
    // A bare `$name` is as often a shell or Perl variable a help text names — and translates
    // ("$filename" → "$nombrefichero") — as a placeholder: not read.
    None
}

fn colon(text: &str, at: usize) -> Option<Found> {
    let before = text[..at].chars().next_back();
    if before.is_some_and(|c| !c.is_whitespace() && c != '(' && c != '"') {
        return None;
    }
    let rest = &text[at + 1..];
    let n = ident_len(rest);
    if n < 2 || !rest.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let name = &rest[..n];
    make(
        text,
        at,
        at + 1 + n,
        Syntax::Colon,
        format!(":{name}"),
        None,
        None,
    )
}

/// How a target's placeholders differ from its source's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// In the source, not (or fewer times) in the target.
    Missing(Placeholder),
    /// In the target, not (or more times) in the source.
    Extra(Placeholder),
    /// One of the source's replaced by one the source does not have, in the same syntax.
    Renamed {
        source: Placeholder,
        target: Placeholder,
    },
    /// printf arguments without positions in another order: the types no longer line up with
    /// the arguments (`%s … %d` → `%d … %s`); the fix is positions (`%2$d … %1$s`).
    Reordered {
        source: Vec<Placeholder>,
        target: Vec<Placeholder>,
    },
}

/// The key a printf placeholder is compared by once implicit positions are made explicit.
fn positional_keys(list: &[Placeholder]) -> Vec<String> {
    let mut next = 0;
    list.iter()
        .map(|p| match (p.syntax, p.position, &p.conversion) {
            (Syntax::Printf, Some(pos), Some(c)) => format!("%{pos}${c}"),
            (Syntax::Printf, None, Some(c)) => {
                next += 1;
                format!("%{next}${c}")
            }
            _ => p.key.clone(),
        })
        .collect()
}

/// Whether `text` is a strftime format ("%a %b %e %H:%M:%S %Z %Y"): its `%` codes are dates,
/// which a locale writes in its own order and set, not printf arguments.
pub fn is_strftime(text: &str) -> bool {
    text.match_indices('%')
        .filter(|(i, _)| {
            text[i + 1..].chars().next().is_some_and(|c| {
                matches!(
                    c,
                    'H' | 'M'
                        | 'S'
                        | 'Y'
                        | 'y'
                        | 'Z'
                        | 'z'
                        | 'b'
                        | 'B'
                        | 'j'
                        | 'k'
                        | 'l'
                        | 'p'
                        | 'P'
                        | 'T'
                        | 'R'
                        | 'r'
                        | 'I'
                        | 'A'
                        | 'm'
                )
            })
        })
        .count()
        >= 2
}

/// Compares the placeholders of a source and its target. `%s %d` and `%1$s %2$d` are the same
/// arguments; `{{ x }}` and `{{x}}` are the same placeholder; order matters only for printf
/// arguments without positions.
pub fn diff(source: &[Placeholder], target: &[Placeholder]) -> Vec<Issue> {
    let mut issues = Vec::new();
    let sp: Vec<&Placeholder> = source
        .iter()
        .filter(|p| p.syntax == Syntax::Printf)
        .collect();
    let tp: Vec<&Placeholder> = target
        .iter()
        .filter(|p| p.syntax == Syntax::Printf)
        .collect();
    // Same conversions, another order, no positions in the target: report it as one reordering
    // rather than as mismatched arguments.
    if sp.len() > 1
        && tp.iter().all(|p| p.position.is_none())
        && sp.iter().all(|p| p.position.is_none())
    {
        let mut a: Vec<&str> = sp.iter().filter_map(|p| p.conversion.as_deref()).collect();
        let mut b: Vec<&str> = tp.iter().filter_map(|p| p.conversion.as_deref()).collect();
        if a != b {
            a.sort_unstable();
            b.sort_unstable();
            if a == b {
                issues.push(Issue::Reordered {
                    source: sp.iter().map(|p| (*p).clone()).collect(),
                    target: tp.iter().map(|p| (*p).clone()).collect(),
                });
            }
        }
    }
    let reordered = !issues.is_empty();
    let skeys = positional_keys(source);
    let tkeys = positional_keys(target);
    let mut counts: BTreeMap<&str, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, k) in skeys.iter().enumerate() {
        counts.entry(k).or_default().0.push(i);
    }
    for (i, k) in tkeys.iter().enumerate() {
        counts.entry(k).or_default().1.push(i);
    }
    let mut missing: Vec<&Placeholder> = Vec::new();
    let mut extra: Vec<&Placeholder> = Vec::new();
    for (s, t) in counts.values() {
        if s.len() > t.len() {
            missing.extend(s[t.len()..].iter().map(|&i| &source[i]));
        } else if t.len() > s.len() && !(s.is_empty() && source_lacks_weak(source, &target[t[0]])) {
            extra.extend(t[s.len()..].iter().map(|&i| &target[i]));
        }
    }
    if reordered {
        missing.retain(|p| p.syntax != Syntax::Printf);
        extra.retain(|p| p.syntax != Syntax::Printf);
    }
    missing.sort_by_key(|p| p.span);
    extra.sort_by_key(|p| p.span);
    // A dropped and an added placeholder of one syntax, one each, are a rename.
    let mut used = vec![false; extra.len()];
    for m in missing {
        let same: Vec<usize> = (0..extra.len())
            .filter(|&j| !used[j] && extra[j].syntax == m.syntax)
            .collect();
        let one_each = same.len() == 1;
        match same.first() {
            Some(&j) if one_each => {
                used[j] = true;
                issues.push(Issue::Renamed {
                    source: m.clone(),
                    target: extra[j].clone(),
                });
            }
            _ => issues.push(Issue::Missing(m.clone())),
        }
    }
    for (j, e) in extra.into_iter().enumerate() {
        if !used[j] {
            issues.push(Issue::Extra(e.clone()));
        }
    }
    issues
}

/// Whether a target-only placeholder is of a weak syntax the source never uses (then it is
/// more likely text, "Hinweis:text", "$HOME" written out, than a placeholder).
fn source_lacks_weak(source: &[Placeholder], p: &Placeholder) -> bool {
    p.syntax.weak() && !source.iter().any(|s| s.syntax == p.syntax)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        extract(text).into_iter().map(|p| p.key).collect()
    }

    #[test]
    fn printf_family() {
        assert_eq!(keys("%s of %d files (%.1f%%)"), ["%s", "%d", "%f"]);
        assert_eq!(
            keys("%1$s and %2$ld, %-5.2f, %lu, %@"),
            ["%1$s", "%2$ld", "%f", "%lu", "%@"]
        );
        assert_eq!(keys("%(name)s has %(count)d"), ["%(name)s", "%(count)d"]);
        assert_eq!(keys("%{user} and %<n>d"), ["%{user}", "%<n>d"]);
        assert_eq!(keys("Qt: %1 of %2"), ["%1", "%2"]);
        assert_eq!(keys("%count% apples"), ["%count%"]);
        assert_eq!(
            keys("at %<PRIdMAX> bytes, %REGEXP% and {INTEGER} or {0}"),
            ["%<PRIdMAX>", "{0}"]
        );
        assert!(is_strftime(" %a %b %e %H:%M:%S %Z %Y") && !is_strftime("%s of %d"));
    }

    #[test]
    fn percent_signs_in_prose_are_not_placeholders() {
        assert!(keys("100%ige Sicherheit, 50 % Rabatt, 10%-20%").is_empty());
        assert!(keys("Visit https://example.com/a%20b now").is_empty());
        assert!(keys("50% off").is_empty());
    }

    #[test]
    fn brace_family() {
        assert_eq!(
            keys("{0} of {1:N2}, {name}, {} and {user.name}"),
            ["{0}", "{1}", "{name}", "{}", "{user.name}"]
        );
        assert_eq!(
            keys("The value {{ value }} is not {{limit}}."),
            ["{{value}}", "{{limit}}"]
        );
        assert_eq!(
            keys("{{{ html }}} and {% trans %}"),
            ["{{{html}}}", "{%trans%}"]
        );
        assert_eq!(keys("Use {{ as a brace"), Vec::<String>::new());
        assert_eq!(
            keys("any two of {ascii,ebcdic,ibm} in {0,-10} or {x!r}"),
            ["{0}", "{x}"]
        );
        assert_eq!(
            keys("${user} paid $amount and $USER$"),
            ["${user}", "$USER$"]
        );
        assert_eq!(
            keys("The :attribute must be :min chars. Note:x"),
            [":attribute", ":min"]
        );
        assert_eq!(
            keys("{n, plural, one {# file} other {# files}} in {dir}"),
            ["{n, plural}", "{dir}"]
        );
        assert_eq!(keys("{when, date, short} by {who}"), ["{when}", "{who}"]);
    }

    #[test]
    fn dropped_renamed_extra() {
        let s = extract("The IBAN {{ iban }} of {{ name }} is invalid.");
        let t = extract("Die IBAN von {{ name }} ist ungültig.");
        assert!(matches!(&diff(&s, &t)[..], [Issue::Missing(p)] if p.key == "{{iban}}"));
        let t = extract("Die IBAN {{ ibn }} von {{name}} ist ungültig.");
        assert!(
            matches!(&diff(&s, &t)[..], [Issue::Renamed { source, target }] if source.key == "{{iban}}" && target.key == "{{ibn}}")
        );
        let t = extract("Die IBAN {{ iban }} von {{ name }} ({0}) ist ungültig.");
        assert!(matches!(&diff(&s, &t)[..], [Issue::Extra(p)] if p.key == "{0}"));
        let t = extract("Die IBAN {{iban}} von {{ name }} ist ungültig.");
        assert!(diff(&s, &t).is_empty());
    }

    #[test]
    fn printf_positions_and_order() {
        let s = extract("%s has %d files");
        assert!(diff(&s, &extract("%2$d Dateien hat %1$s")).is_empty());
        assert!(diff(&s, &extract("%s hat %d Dateien")).is_empty());
        assert!(matches!(
            &diff(&s, &extract("%d Dateien hat %s"))[..],
            [Issue::Reordered { .. }]
        ));
        assert!(matches!(
            &diff(&s, &extract("%s hat %s Dateien"))[..],
            [Issue::Renamed { .. }]
        ));
        assert!(
            matches!(&diff(&s, &extract("%s hat Dateien"))[..], [Issue::Missing(p)] if p.text == "%d")
        );
        assert!(matches!(
            &diff(&extract("%(n)d files"), &extract("%(num)d Dateien"))[..],
            [Issue::Renamed { .. }]
        ));
    }

    #[test]
    fn weak_target_only_placeholders_are_text() {
        assert!(diff(&extract("Note"), &extract("Hinweis: $HOME$ :name")).is_empty());
        assert_eq!(
            diff(&extract(":count items"), &extract(":count Elemente :extra")).len(),
            1
        );
    }
}
