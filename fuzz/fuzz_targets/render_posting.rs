//! One posting rendered into a whole site: Markdown, sanitizing, every
//! template, the feeds, calendars, JSON-LD and postings.json.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use vacancy::config::Config;

static CONFIG: LazyLock<Config> = LazyLock::new(vacancy_fuzz::config);

fuzz_target!(|data: &[u8]| {
    let Some(text) = vacancy_fuzz::posting_text(data) else {
        return;
    };
    if let Some(posting) = vacancy_fuzz::read_posting(&text, &CONFIG) {
        vacancy_fuzz::render_site(posting);
    }
});
