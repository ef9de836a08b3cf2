//! `vacancy.toml`: any text gives a config or diagnostics that render, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vacancy::config::Config;
use vacancy::diagnostic::SourceFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(ds) = Config::parse(&SourceFile::new("vacancy.toml", text)) {
        vacancy_fuzz::render_all(&ds);
    }
});
