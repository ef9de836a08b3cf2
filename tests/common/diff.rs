//! A short unified diff of two texts, for test failures: the changed lines
//! with three lines of context, long lines cut to the part around the
//! change, and the whole capped, so a failing golden or snapshot test shows
//! what changed without printing whole pages.

/// Lines of context around each change.
const CONTEXT: usize = 3;
/// At most this many diff lines are shown; the rest are counted.
const MAX_LINES: usize = 40;
/// Lines longer than this are cut to a window around the change.
const MAX_WIDTH: usize = 160;
/// Beyond this many cells the middle is shown as removed and added whole.
const MAX_CELLS: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Removed,
    Added,
}

/// The unified diff of `expected` against `actual` (`-` expected, `+`
/// actual), or an empty string when they are equal.
pub fn unified(expected: &str, actual: &str) -> String {
    if expected == actual {
        return String::new();
    }
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let script = edit_script(&old, &new);
    let mut out = Vec::new();
    for hunk in hunks(&script) {
        render_hunk(&script[hunk.clone()], &old, &new, &mut out);
    }
    if out.is_empty() {
        // Equal lines, so only the line endings differ.
        out.push(format!(
            "(the texts differ only in line endings or a final newline: {} and {} bytes)",
            expected.len(),
            actual.len()
        ));
    }
    let total = out.len();
    if total > MAX_LINES {
        out.truncate(MAX_LINES);
        out.push(format!("... {} more diff lines", total - MAX_LINES));
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// Each step of the edit: the operation and the line index in `old` and `new`.
type Step = (Op, usize, usize);

/// The steps turning `old` into `new`: the common head and tail kept, the
/// middle by longest common subsequence.
fn edit_script(old: &[&str], new: &[&str]) -> Vec<Step> {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    let mut script: Vec<Step> = (0..head).map(|i| (Op::Same, i, i)).collect();
    script.extend(
        middle(a, b)
            .into_iter()
            .map(|(op, i, j)| (op, i + head, j + head)),
    );
    let (old_tail, new_tail) = (old.len() - tail, new.len() - tail);
    script.extend((0..tail).map(|k| (Op::Same, old_tail + k, new_tail + k)));
    script
}

fn middle(a: &[&str], b: &[&str]) -> Vec<Step> {
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        let mut steps: Vec<Step> = (0..a.len()).map(|i| (Op::Removed, i, 0)).collect();
        steps.extend((0..b.len()).map(|j| (Op::Added, a.len(), j)));
        return steps;
    }
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j, mut steps) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            steps.push((Op::Same, i, j));
            (i, j) = (i + 1, j + 1);
        } else if j == b.len()
            || (i < a.len() && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
        {
            steps.push((Op::Removed, i, j));
            i += 1;
        } else {
            steps.push((Op::Added, i, j));
            j += 1;
        }
    }
    steps
}

/// The ranges of `script` to show: each change with its context, ranges
/// that touch merged.
fn hunks(script: &[Step]) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (k, (op, _, _)) in script.iter().enumerate() {
        if *op == Op::Same {
            continue;
        }
        let range = k.saturating_sub(CONTEXT)..(k + CONTEXT + 1).min(script.len());
        match ranges.last_mut() {
            Some(last) if last.end >= range.start => last.end = range.end,
            _ => ranges.push(range),
        }
    }
    ranges
}

fn render_hunk(steps: &[Step], old: &[&str], new: &[&str], out: &mut Vec<String>) {
    let (_, first_old, first_new) = steps[0];
    let old_count = steps.iter().filter(|s| s.0 != Op::Added).count();
    let new_count = steps.iter().filter(|s| s.0 != Op::Removed).count();
    out.push(format!(
        "@@ -{},{old_count} +{},{new_count} @@",
        first_old + 1,
        first_new + 1
    ));
    let removed = steps.iter().find(|s| s.0 == Op::Removed).map(|s| old[s.1]);
    let added = steps.iter().find(|s| s.0 == Op::Added).map(|s| new[s.2]);
    let focus = match (removed, added) {
        (Some(a), Some(b)) => a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count(),
        _ => 0,
    };
    for &(op, i, j) in steps {
        let (mark, line) = match op {
            Op::Same => (' ', old[i]),
            Op::Removed => ('-', old[i]),
            Op::Added => ('+', new[j]),
        };
        out.push(format!("{mark}{}", window(line, focus)));
    }
}

/// `line`, or the part of it around the character at `focus` when it is long.
fn window(line: &str, focus: usize) -> String {
    let length = line.chars().count();
    if length <= MAX_WIDTH {
        return line.to_string();
    }
    let start = focus.saturating_sub(MAX_WIDTH / 3).min(length - MAX_WIDTH);
    let part: String = line.chars().skip(start).take(MAX_WIDTH).collect();
    let before = if start > 0 { "…" } else { "" };
    let after = if start + MAX_WIDTH < length {
        "…"
    } else {
        ""
    };
    format!("{before}{part}{after}")
}
