//! When a target identical to its source is fine. It is for text with no words to translate
//! (numbers, placeholders, URLs, codes, punctuation), for product and brand names and other terms
//! a project lists, for names written in mixed case or capitalised throughout ("Google Drive"),
//! for same-language pairs (en → en_GB), and for single words that the target language uses
//! as they are ("Status", "Version", "OK"). Otherwise an identical unit was most likely never
//! translated.

use super::lang;

/// Why an identical target is acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    SameLanguage,
    NoWords,
    Code,
    ListedTerm,
    ProperName,
    Loanword,
}

/// Words many target languages write as English does in UI text (checked lowercase).
const INTERNATIONAL: &[&str] = &[
    "ok",
    "id",
    "url",
    "uri",
    "email",
    "e-mail",
    "status",
    "version",
    "info",
    "logo",
    "login",
    "logout",
    "server",
    "proxy",
    "host",
    "port",
    "cookie",
    "cookies",
    "online",
    "offline",
    "internet",
    "web",
    "blog",
    "chat",
    "tag",
    "tags",
    "token",
    "hash",
    "api",
    "sdk",
    "pdf",
    "html",
    "css",
    "json",
    "xml",
    "csv",
    "zip",
    "dns",
    "ip",
    "ssl",
    "tls",
    "http",
    "https",
    "ftp",
    "ssh",
    "usb",
    "wifi",
    "wi-fi",
    "bluetooth",
    "app",
    "apps",
    "plugin",
    "plugins",
    "widget",
    "widgets",
    "menu",
    "icon",
    "icons",
    "design",
    "layout",
    "feedback",
    "newsletter",
    "backup",
    "update",
    "updates",
    "upload",
    "download",
    "downloads",
    "filter",
    "filters",
    "format",
    "formats",
    "export",
    "import",
    "start",
    "stop",
    "pause",
    "reset",
    "test",
    "tests",
    "debug",
    "system",
    "admin",
    "administrator",
    "name",
    "radio",
    "video",
    "audio",
    "video",
    "podcast",
    "media",
    "multimedia",
    "normal",
    "total",
    "minimal",
    "maximal",
    "optional",
    "global",
    "lokal",
    "local",
    "portal",
    "material",
    "medium",
    "horizontal",
    "vertical",
    "original",
    "detail",
    "details",
    "signal",
    "terminal",
    "kernel",
    "hardware",
    "software",
    "firmware",
    "browser",
    "cache",
    "cluster",
    "container",
    "docker",
    "editor",
    "monitor",
    "modus",
    "code",
    "copyright",
    "team",
    "support",
    "service",
    "tab",
    "tabs",
    "pixel",
    "pixels",
    "zoom",
    "link",
    "links",
    "hashtag",
    "emoji",
    "sticker",
    "spam",
    "manager",
    "marketing",
    "account",
    "sport",
    "hotel",
    "taxi",
    "piano",
    "alpha",
    "beta",
    "gamma",
    "delta",
    "omega",
    "extra",
    "ultra",
    "mini",
    "maxi",
    "pro",
    "plus",
    "premium",
    "standard",
    "android",
    "ios",
    "linux",
    "windows",
    "macos",
    "unix",
    "sql",
    "regex",
    "markdown",
    "latex",
    "ascii",
    "unicode",
    "utf-8",
    "gif",
    "png",
    "jpeg",
    "jpg",
    "svg",
    "webp",
    "mp3",
    "mp4",
];

/// Per target language: words of `INTERNATIONAL` that the language does translate, so an
/// identical one is suspicious there.
fn translated_in(tag: &str, word: &str) -> bool {
    let l = lang::primary(tag);
    match l.as_str() {
        "fr" => matches!(
            word,
            "email"
                | "e-mail"
                | "download"
                | "upload"
                | "update"
                | "updates"
                | "backup"
                | "filter"
                | "filters"
                | "format"
                | "formats"
                | "menu"
                | "design"
                | "test"
                | "tests"
                | "stop"
                | "name"
                | "detail"
                | "details"
                | "account"
                | "support"
                | "service"
                | "team"
                | "links"
                | "link"
        ),
        "es" => matches!(
            word,
            "email"
                | "download"
                | "upload"
                | "update"
                | "backup"
                | "filter"
                | "filters"
                | "name"
                | "detail"
                | "details"
                | "account"
                | "team"
                | "link"
                | "links"
                | "format"
                | "test"
        ),
        "fi" => matches!(
            word,
            "name"
                | "format"
                | "export"
                | "import"
                | "filter"
                | "details"
                | "detail"
                | "update"
                | "upload"
                | "download"
                | "account"
                | "team"
                | "start"
                | "stop"
                | "pause"
                | "normal"
                | "total"
                | "system"
                | "menu"
                | "version"
                | "status"
        ),
        "ja" | "zh" | "ko" | "ru" | "uk" | "el" | "ar" | "he" | "hi" | "th" => {
            // Another script: any Latin word other than acronyms and brand names is untranslated.
            !matches!(
                word,
                "ok" | "id"
                    | "url"
                    | "uri"
                    | "api"
                    | "sdk"
                    | "pdf"
                    | "html"
                    | "css"
                    | "json"
                    | "xml"
                    | "csv"
                    | "zip"
                    | "dns"
                    | "ip"
                    | "ssl"
                    | "tls"
                    | "http"
                    | "https"
                    | "ftp"
                    | "ssh"
                    | "usb"
                    | "wi-fi"
                    | "wifi"
                    | "bluetooth"
                    | "android"
                    | "ios"
                    | "linux"
                    | "windows"
                    | "macos"
                    | "unix"
                    | "sql"
                    | "regex"
                    | "markdown"
                    | "latex"
                    | "ascii"
                    | "unicode"
                    | "utf-8"
                    | "gif"
                    | "png"
                    | "jpeg"
                    | "jpg"
                    | "svg"
                    | "webp"
                    | "mp3"
                    | "mp4"
                    | "email"
                    | "e-mail"
            )
        }
        _ => false,
    }
}

/// Common English words spelled the same in a target language, so an identical one-word unit
/// is a translation there ("Error" in Spanish, "Message" in French, "Name" in German).
fn cognate(tag: &str, word: &str) -> bool {
    let list: &[&str] = match lang::primary(tag).as_str() {
        "es" => &[
            "error", "no", "final", "general", "total", "normal", "local", "color", "control",
            "radio", "hotel", "idea", "animal", "actual",
        ],
        "fr" => &[
            "date",
            "description",
            "message",
            "page",
            "type",
            "long",
            "image",
            "question",
            "action",
            "actions",
            "position",
            "information",
            "note",
            "notes",
            "source",
            "contact",
            "article",
            "client",
            "document",
            "documents",
            "options",
            "option",
            "minute",
            "minutes",
            "service",
            "services",
            "zone",
            "permissions",
            "validation",
            "installation",
            "configuration",
            "application",
            "applications",
            "notification",
            "notifications",
            "connexion",
        ],
        "de" => &[
            "name", "start", "test", "problem", "hand", "arm", "bus", "film", "hotel", "computer",
        ],
        "it" => &["file", "password", "default", "computer", "email", "record"],
        "nl" => &["help", "type", "start", "test", "computer", "is", "was"],
        "pt" => &["no", "total", "normal", "local", "hotel", "final", "global"],
        "sv" => &["start", "test", "hotel", "computer"],
        "da" | "nb" | "no" => &["start", "test", "hotel", "computer"],
        _ => &[],
    };
    let w = word.to_lowercase();
    list.contains(&w.as_str())
}

/// Whether a word is a code: all capitals with digits or underscores (`ERR_42`, `ISO`), a
/// `snake_case` or `camelCase` identifier, or a dotted name (`org.example.App`).
fn is_code(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
    let snake = word.contains('_');
    let camel = word.chars().skip(1).any(char::is_uppercase)
        && word.chars().next().is_some_and(char::is_lowercase);
    let dotted =
        word.contains('.') && !word.ends_with('.') && word.split('.').all(|p| !p.is_empty());
    (caps && word.chars().count() >= 2) || snake || camel || dotted
}

/// Words of `text` outside placeholders, tags, URLs and other protected tokens, with digits and
/// punctuation left out.
pub fn words(text: &str) -> Vec<String> {
    let text = super::tags::Inline::parse_markup(text).text;
    let spans: Vec<super::Span> = super::placeholders::extract(&text)
        .into_iter()
        .map(|p| p.span)
        .chain(super::tokens::all(&text).into_iter().map(|t| t.span))
        .collect();
    let masked: String = text
        .char_indices()
        .map(|(i, c)| {
            if spans.iter().any(|s| s.start <= i && i < s.end) {
                ' '
            } else {
                c
            }
        })
        .collect();
    masked
        .split(|c: char| {
            !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.' || c == '\'' || c == '&')
        })
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '-' || c == '\'' || c == '&'))
        .map(|w| w.replace('&', ""))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// Whether a text is a command synopsis or code ("help [-dms] [pattern ...]", "egid=%s",
/// "a == b"): brackets, equals signs, pipes or options, and no sentence.
pub fn synopsis(text: &str) -> bool {
    let trimmed = text.trim();
    let ws = words(trimmed);
    let plain = super::tags::Inline::parse_markup(trimmed).text;
    let codey = plain.contains(['[', '=', '<', '|'])
        || plain
            .split_whitespace()
            .any(|w| w.starts_with('-') && w.len() > 1);
    let sentence = trimmed.ends_with(['.', '?', '!'])
        || ws.iter().any(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(char::is_lowercase)
                && ws.len() > 3
        });
    codey && !sentence
}

/// Why a target identical to `source` is acceptable in `tag` (`None`: it should have been
/// translated). `terms` are the project's product names and other do-not-translate terms.
pub fn allowed(source: &str, source_tag: &str, tag: &str, terms: &[String]) -> Option<Allowed> {
    if lang::same_language(source_tag, tag) {
        return Some(Allowed::SameLanguage);
    }
    let ws = words(source);
    if ws.is_empty() || ws.iter().all(|w| w.chars().count() <= 2) {
        return Some(Allowed::NoWords);
    }
    let trimmed = source.trim();
    // A command synopsis or code ("help [-dms] [pattern ...]", "egid=%s", "a == b"): brackets,
    // equals signs or options, lowercase words and no sentence.
    if synopsis(trimmed) {
        return Some(Allowed::Code);
    }
    if terms.iter().any(|t| t.eq_ignore_ascii_case(trimmed)) {
        return Some(Allowed::ListedTerm);
    }
    let remaining: Vec<&String> = ws
        .iter()
        .filter(|w| {
            !terms
                .iter()
                .any(|t| t.split_whitespace().any(|p| p.eq_ignore_ascii_case(w)))
        })
        .collect();
    if remaining.is_empty() {
        return Some(Allowed::ListedTerm);
    }
    if remaining.iter().all(|w| is_code(w)) {
        return Some(Allowed::Code);
    }
    let english = lang::primary(source_tag) == "en";
    let common = |w: &&String| english && super::untranslated::is_common_english(w);
    if remaining.len() == 1 {
        let w = remaining[0].to_lowercase();
        if INTERNATIONAL.contains(&w.as_str()) && !translated_in(tag, &w) || cognate(tag, &w) {
            return Some(Allowed::Loanword);
        }
        if remaining[0].chars().skip(1).any(char::is_uppercase) {
            return Some(Allowed::ProperName);
        }
        // A single word the target language may have borrowed or that names something: only
        // common English words are known to need a translation.
        if !common(&remaining[0]) && !translated_in(tag, &w) && english {
            return Some(Allowed::Loanword);
        }
        return None;
    }
    // "Google Drive", "Visual Studio Code": every word capitalised or in mixed case, none a common
    // English word ("Save As" is a label), no sentence punctuation: a name.
    let name_like = |w: &&String| {
        let mut cs = w.chars();
        let first = cs.next();
        first.is_some_and(char::is_uppercase) || cs.any(char::is_uppercase)
    };
    let no_sentence = !trimmed.ends_with(['.', '?', '!', ':']);
    if remaining.iter().all(name_like) && !remaining.iter().any(common) && no_sentence {
        return Some(Allowed::ProperName);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str, tag: &str) -> Option<Allowed> {
        allowed(
            s,
            "en",
            tag,
            &["Acme Cloud".to_string(), "Zebra".to_string()],
        )
    }

    #[test]
    fn what_may_stay() {
        assert_eq!(ok("Cancel", "en-GB"), Some(Allowed::SameLanguage));
        assert_eq!(ok("{0} / {1}", "de"), Some(Allowed::NoWords));
        assert_eq!(ok("https://example.com", "de"), Some(Allowed::NoWords));
        assert_eq!(ok("100 %", "fr"), Some(Allowed::NoWords));
        assert_eq!(ok("ERR_TIMEOUT", "de"), Some(Allowed::Code));
        assert_eq!(ok("ISO 8601", "de"), Some(Allowed::Code));
        assert_eq!(ok("Acme Cloud", "de"), Some(Allowed::ListedTerm));
        assert_eq!(ok("Zebra %s", "de"), Some(Allowed::ListedTerm));
        assert_eq!(ok("Google Drive", "fr"), Some(Allowed::ProperName));
        assert_eq!(ok("iPhone", "fr"), Some(Allowed::Code));
        assert_eq!(ok("Status", "de"), Some(Allowed::Loanword));
        assert_eq!(ok("&Export", "de"), Some(Allowed::Loanword));
        assert_eq!(ok("<b>Version</b>", "de"), Some(Allowed::Loanword));
        assert_eq!(ok("Error: %s", "es"), Some(Allowed::Loanword));
        assert_eq!(ok("Message", "fr"), Some(Allowed::Loanword));
        assert_eq!(ok("help [-dms] [pattern ...]", "ja"), Some(Allowed::Code));
        assert_eq!(ok(" egid=%s", "ja"), Some(Allowed::Code));
        assert_eq!(ok("Y", "ja"), Some(Allowed::NoWords));
    }

    #[test]
    fn what_should_be_translated() {
        assert_eq!(ok("Cancel", "de"), None);
        assert_eq!(ok("This value should not be blank.", "de"), None);
        assert_eq!(ok("Status", "ja"), None);
        assert_eq!(ok("Name", "fr"), None);
        assert_eq!(
            ok("Save As", "de"),
            None,
            "a capitalised label is not a name"
        );
    }
}
