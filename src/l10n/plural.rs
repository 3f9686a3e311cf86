//! Plural rules per language: the CLDR cardinal categories an ICU plural may use, the ones a
//! translation needs, and gettext's `nplurals` with which forms stand for more than one number
//! (a form that covers 1, 21, 31 … must keep its `%d`).

/// Every CLDR plural category.
pub const ALL_CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// The CLDR cardinal categories of a language (CLDR 44).
pub fn categories(tag: &str) -> &'static [&'static str] {
    match super::lang::primary(tag).as_str() {
        "ja" | "zh" | "ko" | "th" | "vi" | "id" | "ms" | "lo" | "my" | "km" | "yue" | "bo"
        | "jv" | "ig" | "yo" => &["other"],
        "fr" | "es" | "it" | "pt" | "ca" => &["one", "many", "other"],
        "ru" | "uk" | "pl" | "be" | "lt" | "cs" | "sk" => &["one", "few", "many", "other"],
        "hr" | "sr" | "bs" | "ro" | "mo" => &["one", "few", "other"],
        "lv" | "prg" => &["zero", "one", "other"],
        "sl" | "dsb" | "hsb" => &["one", "two", "few", "other"],
        "he" | "iw" => &["one", "two", "other"],
        "ga" => &["one", "two", "few", "many", "other"],
        "ar" | "cy" => &["zero", "one", "two", "few", "many", "other"],
        "mt" => &["one", "two", "few", "many", "other"],
        "gd" => &["one", "two", "few", "other"],
        _ => &["one", "other"],
    }
}

/// The categories a translation must give: all of the language's but the ones CLDR uses only
/// for decimals or millions (`many` in French, Spanish, Czech), whose text `other` may serve.
pub fn required(tag: &str) -> Vec<&'static str> {
    let lang = super::lang::primary(tag);
    categories(tag)
        .iter()
        .copied()
        .filter(|c| {
            !(*c == "many"
                && matches!(
                    lang.as_str(),
                    "fr" | "es" | "it" | "pt" | "ca" | "cs" | "sk"
                ))
        })
        .collect()
}

/// gettext's usual `nplurals` for a language.
pub fn gettext_nplurals(tag: &str) -> usize {
    match super::lang::primary(tag).as_str() {
        "ja" | "zh" | "ko" | "th" | "vi" | "id" | "ms" | "lo" | "my" | "km" | "bo" => 1,
        "ru" | "uk" | "be" | "pl" | "cs" | "sk" | "lt" | "lv" | "ro" | "hr" | "sr" | "bs" => 3,
        "sl" | "cy" | "gd" => 4,
        "ga" => 5,
        "ar" => 6,
        _ => 2,
    }
}

/// Whether gettext plural form `index` of `lang` stands for the single number 1 only, so its
/// text may say "one file" without the number (`%d`). In Russian form 0 also serves 21, 31, …;
/// in Japanese the only form serves every number.
pub fn form_is_only_one(tag: &str, index: usize) -> bool {
    match super::lang::primary(tag).as_str() {
        // n != 1 and (fr, pt_BR) n > 1: form 0 is 1 (and 0, which a translation may word as "no").
        "en" | "de" | "nl" | "sv" | "da" | "nb" | "nn" | "no" | "fi" | "et" | "el" | "hu"
        | "it" | "es" | "pt" | "ca" | "bg" | "eu" | "gl" | "fr" | "tr" | "he" | "hi" => index == 0,
        "cs" | "sk" => index == 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_by_language() {
        assert_eq!(categories("ja"), ["other"]);
        assert_eq!(categories("de-AT"), ["one", "other"]);
        assert_eq!(required("fr"), ["one", "other"]);
        assert_eq!(required("ru"), ["one", "few", "many", "other"]);
        assert_eq!(gettext_nplurals("zh_CN"), 1);
        assert_eq!(gettext_nplurals("pl"), 3);
        assert!(form_is_only_one("de", 0) && !form_is_only_one("de", 1));
        assert!(!form_is_only_one("ru", 0) && !form_is_only_one("ja", 0));
    }
}
