//! One posting file and one page file: front matter split, fields read,
//! translations merged, diagnostics rendered; never a panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use vacancy::config::Config;
use vacancy::content::{Doc, page};
use vacancy::diagnostic::SourceFile;

static CONFIG: LazyLock<Config> = LazyLock::new(vacancy_fuzz::config);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    std::hint::black_box(vacancy_fuzz::read_posting(text, &CONFIG));
    let doc = Doc {
        slug: "about".into(),
        lang: "en".into(),
        file: SourceFile::new("content/pages/about.en.md", text),
        attachments: Vec::new(),
    };
    let mut ds = Vec::new();
    std::hint::black_box(page::load(std::path::Path::new("."), &[doc], &CONFIG, &mut ds));
    vacancy_fuzz::render_all(&ds);
});
