//! A Markdown body to sanitized HTML and its first paragraph, alone (fast,
//! so deep nesting and odd HTML get many more tries than in render_posting).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rendered = vacancy::markdown::render(text);
    std::hint::black_box(vacancy::markdown::truncate(&rendered.first_paragraph, 200));
});
