//! Tables inside a table: a list of tables (`[[contacts]]`) and a
//! sub-table (`[organization]`), each read as its own `Fields` whose
//! messages name the field with its path (`contacts[2].phone`).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Fields, describe};

impl<'a> Fields<'a> {
    /// An array of tables (e.g. `[[contacts]]`), each as its own `Fields`.
    pub fn tables(&mut self, key: &str, example: &str) -> Option<Vec<Fields<'a>>> {
        let (_, value) = self.take_raw(key)?;
        if !matches!(value.get_ref(), DeValue::Array(_)) {
            self.wrong_type(key, &value, "a list of tables", example);
            return None;
        }
        let DeValue::Array(items) = value.into_inner() else {
            return None;
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let item_span = self.abs(item.span());
            match item.into_inner() {
                DeValue::Table(t) => out.push(Fields::from_table(
                    self.file,
                    self.text,
                    self.offset,
                    item_span,
                    format!("{}{key}[{}].", self.prefix, i + 1),
                    t,
                )),
                _ => self.error_at_abs(
                    key,
                    item_span,
                    format!("entry {} of `{}` must be a table", i + 1, self.name(key)),
                    format!("write it like this: {example}"),
                ),
            }
        }
        Some(out)
    }

    /// A sub-table (e.g. `[organization]`).
    pub fn table(&mut self, key: &str, example: &str) -> Option<Fields<'a>> {
        let (_, value) = self.take_raw(key)?;
        let span = self.abs(value.span());
        match value.into_inner() {
            DeValue::Table(t) => Some(Fields::from_table(
                self.file,
                self.text,
                self.offset,
                span,
                format!("{}{key}.", self.prefix),
                t,
            )),
            other => {
                let found = describe(&other);
                self.error_at_abs(
                    key,
                    span,
                    format!("`{}` must be a table, but it is {found}", self.name(key)),
                    format!("write it like this: {example}"),
                );
                None
            }
        }
    }

    /// A table value taken with `take_raw`, to read its fields with their own messages.
    pub fn subtable(&self, key: &str, span: Range<usize>, table: DeTable<'a>) -> Fields<'a> {
        Fields::from_table(
            self.file,
            self.text,
            self.offset,
            span,
            format!("{}{key}.", self.prefix),
            table,
        )
    }
}
