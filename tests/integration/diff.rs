//! The short unified diff that golden and snapshot failures show
//! (`tests/common/diff.rs`): changed lines with three lines of context, and
//! a long line cut to the part around the change.

use crate::common::diff::unified;

#[test]
fn one_changed_line_is_shown_with_three_lines_of_context() {
    let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    assert_eq!(
        unified(old, new),
        "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
    );
}

#[test]
fn changes_far_apart_are_separate_hunks_and_equal_texts_have_no_diff() {
    let old: String = (1..=30).map(|n| format!("{n}\n")).collect();
    let new = old.replace("\n5\n", "\nfive\n").replace("\n25\n", "\n");
    assert_eq!(
        unified(&old, &new),
        "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n\
         @@ -22,7 +22,6 @@\n 22\n 23\n 24\n-25\n 26\n 27\n 28\n"
    );
    assert_eq!(unified(&old, &old), "");
}

#[test]
fn a_long_line_is_shown_around_its_change() {
    let old = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
    let new = old.replace('X', "Y");
    let diff = unified(&old, &new);
    let lines: Vec<&str> = diff.lines().collect();
    assert_eq!(lines[0], "@@ -1,1 +1,1 @@");
    for (line, mark) in lines[1..].iter().zip(["-", "+"]) {
        let shown = line.strip_prefix(mark).unwrap();
        assert_eq!(shown.chars().count(), 160 + 2, "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
    }
    assert!(lines[1].contains("aX") && lines[2].contains("aY"), "{diff}");
}

#[test]
fn a_long_diff_is_cut_and_the_rest_counted() {
    let old: String = (0..100).map(|n| format!("old {n}\n")).collect();
    let new: String = (0..100).map(|n| format!("new {n}\n")).collect();
    let diff = unified(&old, &new);
    assert_eq!(diff.lines().count(), 41);
    assert_eq!(diff.lines().last(), Some("... 161 more diff lines"));
}
