//! [`Program`]: an Avro schema compiled once into a flat node table, named references
//! resolved to indices, so encoding and decoding never look a name up.

use std::collections::HashMap;

use apache_avro::schema::{Name, Namespace, Schema};

use super::{mismatch, Result};

/// One node of a compiled schema.
#[derive(Debug)]
pub(super) enum Node {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Array(usize),
    Map(usize),
    Enum(Vec<String>),
    Record {
        name: String,
        fields: Vec<(String, usize)>,
    },
    Union {
        branches: Vec<usize>,
        /// The one non-null branch (position, node), when there is exactly one.
        single: Option<(usize, usize)>,
    },
}

/// A schema compiled for the direct path: one node per schema position, references
/// resolved to the node of the named type.
#[derive(Debug)]
pub struct Program {
    nodes: Vec<Node>,
}

impl Program {
    /// Compiles `schema`; None when it uses a type the direct path does not cover.
    pub fn compile(schema: &Schema) -> Option<Program> {
        let mut c = Compiler {
            nodes: Vec::new(),
            named: HashMap::new(),
        };
        c.node(schema, &None).ok()?;
        Some(Program { nodes: c.nodes })
    }

    pub(super) fn node(&self, i: usize) -> &Node {
        &self.nodes[i]
    }
}

struct Compiler {
    nodes: Vec<Node>,
    named: HashMap<String, usize>,
}

impl Compiler {
    fn push(&mut self, n: Node) -> usize {
        self.nodes.push(n);
        self.nodes.len() - 1
    }

    fn name_of(name: &Name, enclosing: &Namespace) -> String {
        name.fully_qualified_name(enclosing).fullname(None)
    }

    fn node(&mut self, s: &Schema, ns: &Namespace) -> Result<usize> {
        Ok(match s {
            Schema::Null => self.push(Node::Null),
            Schema::Boolean => self.push(Node::Boolean),
            Schema::Int | Schema::Date | Schema::TimeMillis => self.push(Node::Int),
            Schema::Long
            | Schema::TimeMicros
            | Schema::TimestampMillis
            | Schema::TimestampMicros
            | Schema::TimestampNanos
            | Schema::LocalTimestampMillis
            | Schema::LocalTimestampMicros
            | Schema::LocalTimestampNanos => self.push(Node::Long),
            Schema::Float => self.push(Node::Float),
            Schema::Double => self.push(Node::Double),
            Schema::Bytes => self.push(Node::Bytes),
            Schema::String => self.push(Node::String),
            Schema::Array(a) => {
                let at = self.push(Node::Null);
                let items = self.node(&a.items, ns)?;
                self.nodes[at] = Node::Array(items);
                at
            }
            Schema::Map(m) => {
                let at = self.push(Node::Null);
                let values = self.node(&m.types, ns)?;
                self.nodes[at] = Node::Map(values);
                at
            }
            Schema::Union(u) => {
                let at = self.push(Node::Null);
                let mut branches = Vec::new();
                for b in u.variants() {
                    branches.push(self.node(b, ns)?);
                }
                let others: Vec<(usize, usize)> = branches
                    .iter()
                    .copied()
                    .enumerate()
                    .filter(|(_, b)| !matches!(self.nodes[*b], Node::Null))
                    .collect();
                let single = (others.len() == 1).then(|| others[0]);
                self.nodes[at] = Node::Union { branches, single };
                at
            }
            Schema::Record(r) => {
                let full = Self::name_of(&r.name, ns);
                let at = self.push(Node::Null);
                self.named.insert(full, at);
                let inner = r.name.fully_qualified_name(ns).namespace;
                let mut fields = Vec::with_capacity(r.fields.len());
                for f in &r.fields {
                    fields.push((f.name.clone(), self.node(&f.schema, &inner)?));
                }
                self.nodes[at] = Node::Record {
                    name: r.name.name.clone(),
                    fields,
                };
                at
            }
            Schema::Enum(e) => {
                let at = self.push(Node::Enum(e.symbols.clone()));
                self.named.insert(Self::name_of(&e.name, ns), at);
                at
            }
            Schema::Ref { name } => match self.named.get(&Self::name_of(name, ns)) {
                Some(&at) => at,
                None => return mismatch(format!("unresolved reference {name}")),
            },
            other => return mismatch(format!("not covered: {other:?}")),
        })
    }
}
