//! Lays the bundle's code out for gzip, after wasm-bindgen.
//!
//! rustc places a generic's instantiations and a closure's near-copies
//! wherever codegen happened to put them, but gzip only finds a repeat within
//! the last 32 KB, so copies far apart compress as if each were new. This pass
//! merges functions whose bodies are the same (as `wasm-opt`'s
//! duplicate-function elimination does: Rust does not promise that two
//! functions have distinct addresses), then orders the rest so that each is
//! followed by one it resembles, once under each of a few price models for
//! what deflate spends (the build keeps the smallest). Only function indices
//! change, so the module does exactly what it did; each result is validated.
//!
//! Why not `wasm-opt -Oz`: it shrinks the raw module but its output gzips
//! about 9% larger than rustc's (measured; see ARCHITECTURE.md).

use std::collections::HashMap;

use anyhow::{Context, bail};
use wasm_encoder::reencode::{self, Reencode};
use wasmparser::{FunctionBody, Parser, Payload, TypeRef};

use crate::lz_cost::{Prices, Stream};

/// The module laid out once under each price model, and what the pass did.
pub struct Laid {
    pub layouts: Vec<Vec<u8>>,
    pub tally: Tally,
}

/// What the pass did, for the bench.
pub struct Tally {
    /// Functions defined in the module before the pass.
    pub functions: usize,
    /// Of those, how many were copies of another and are gone.
    pub merged: usize,
}

impl Laid {
    /// The module as it came, for a build with the pass switched off.
    pub fn unchanged(wasm: &[u8]) -> Laid {
        Laid {
            layouts: vec![wasm.to_vec()],
            tally: Tally {
                functions: 0,
                merged: 0,
            },
        }
    }
}

pub fn for_gzip(wasm: &[u8]) -> anyhow::Result<Laid> {
    let code = Code::read(wasm)?;
    let same = merge_duplicates(&code)?;
    let kept: Vec<usize> = (0..code.bodies.len())
        .filter(|&index| same[index] == index)
        .collect();
    let mut merged_calls = Renumber::new(&code, same.iter().map(|&index| index as u32));
    let bodies = kept
        .iter()
        .map(|&index| merged_calls.body(&code.bodies[index]))
        .collect::<anyhow::Result<Vec<_>>>()?;
    // The greedy order is path-dependent: a nudge to the prices, or to the
    // code, moves the result by half a kilobyte either way. So the module is
    // laid out under each price model, side by side, for the build to keep
    // whichever ships smallest.
    let layouts: Vec<anyhow::Result<Vec<u8>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = PRICES
            .iter()
            .map(|&prices| {
                let (code, same, kept, bodies) = (&code, &same, &kept, &bodies);
                scope.spawn(move || {
                    let laid_out = resemblance_order(bodies, prices)
                        .into_iter()
                        .map(|position| kept[position])
                        .collect();
                    let bytes = rewrite(wasm, code, same, laid_out)?;
                    wasmparser::Validator::new()
                        .validate_all(&bytes)
                        .context("the laid-out module does not validate")?;
                    Ok(bytes)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().expect("a layout thread panicked"))
            .collect()
    });
    Ok(Laid {
        layouts: layouts.into_iter().collect::<anyhow::Result<_>>()?,
        tally: Tally {
            functions: code.bodies.len(),
            merged: code.bodies.len() - kept.len(),
        },
    })
}

/// The module with its functions in the order `laid_out` (local indices),
/// each call to a merged copy sent to the one kept.
fn rewrite(
    wasm: &[u8],
    code: &Code<'_>,
    same: &[usize],
    laid_out: Vec<usize>,
) -> anyhow::Result<Vec<u8>> {
    let mut place = vec![0u32; code.bodies.len()];
    for (new, &old) in laid_out.iter().enumerate() {
        place[old] = new as u32;
    }
    let mut rewrite = Rewrite {
        renumber: Renumber::new(code, same.iter().map(|&index| place[index])),
        laid_out,
    };
    let mut module = wasm_encoder::Module::new();
    reencode::utils::parse_core_module(&mut rewrite, &mut module, Parser::new(0), wasm)
        .map_err(|error| anyhow::anyhow!("cannot rewrite the module: {error:?}"))?;
    Ok(module.finish())
}

/// The parts of the module the pass reads: its defined functions' types and
/// bodies, and how many functions it imports (they come first in the index
/// space and keep their indices).
struct Code<'a> {
    imported: u32,
    types: Vec<u32>,
    bodies: Vec<FunctionBody<'a>>,
}

impl<'a> Code<'a> {
    fn read(wasm: &'a [u8]) -> anyhow::Result<Self> {
        let mut code = Code {
            imported: 0,
            types: Vec::new(),
            bodies: Vec::new(),
        };
        for payload in Parser::new(0).parse_all(wasm) {
            match payload? {
                Payload::ImportSection(imports) => {
                    for import in imports.into_imports() {
                        if matches!(import?.ty, TypeRef::Func(_) | TypeRef::FuncExact(_)) {
                            code.imported += 1;
                        }
                    }
                }
                Payload::FunctionSection(types) => {
                    code.types = types.into_iter().collect::<Result<_, _>>()?;
                }
                Payload::CodeSectionEntry(body) => code.bodies.push(body),
                // Names would point at the old indices; bindgen strips them.
                Payload::CustomSection(section) if section.name() == "name" => {
                    bail!("the module still has a name section: lay it out after stripping names")
                }
                // DWARF, like names, points at code offsets the pass moves.
                Payload::CustomSection(section) if section.name().starts_with(".debug_") => {
                    bail!(
                        "the module has a DWARF section `{}`: lay it out after stripping debug info",
                        section.name()
                    )
                }
                _ => {}
            }
        }
        Ok(code)
    }
}

/// Maps every function that is a copy of another onto the one it copies,
/// as local indices. Merging callees can make their callers the same, so
/// this repeats until nothing more merges.
fn merge_duplicates(code: &Code<'_>) -> anyhow::Result<Vec<usize>> {
    let mut same: Vec<usize> = (0..code.bodies.len()).collect();
    loop {
        let mut renumber = Renumber::new(code, same.iter().map(|&index| index as u32));
        let mut first: HashMap<(u32, Vec<u8>), usize> = HashMap::new();
        let mut merged = false;
        for (index, (body, &ty)) in code.bodies.iter().zip(&code.types).enumerate() {
            if same[index] != index {
                continue;
            }
            let original = *first.entry((ty, renumber.body(body)?)).or_insert(index);
            if original != index {
                same[index] = original;
                merged = true;
            }
        }
        if !merged {
            return Ok(same);
        }
        // A function merged in an earlier round may point at one merged in
        // this round; only functions still their own were merged onto, so
        // one step reaches the end of the chain.
        same = same.iter().map(|&to| same[to]).collect();
    }
}

/// Rewrites function indices: imports keep theirs, and the defined function
/// at local index `i` becomes `imported + local[i]`.
struct Renumber {
    imported: u32,
    local: Vec<u32>,
}

impl Renumber {
    fn new(code: &Code<'_>, local: impl Iterator<Item = u32>) -> Self {
        Renumber {
            imported: code.imported,
            local: local.collect(),
        }
    }

    fn index(&self, index: u32) -> u32 {
        match index.checked_sub(self.imported) {
            Some(local) => self.imported + self.local[local as usize],
            None => index,
        }
    }

    /// The body, encoded again with indices rewritten.
    fn body(&mut self, body: &FunctionBody<'_>) -> anyhow::Result<Vec<u8>> {
        let mut function = self
            .new_function_with_parsed_locals(body)
            .map_err(|error| anyhow::anyhow!("cannot read a function's locals: {error:?}"))?;
        let mut reader = body.get_operators_reader()?;
        while !reader.eof() {
            let instruction = self
                .parse_instruction(&mut reader)
                .map_err(|error| anyhow::anyhow!("cannot read an instruction: {error:?}"))?;
            function.instruction(&instruction);
        }
        Ok(function.into_raw_body())
    }
}

impl Reencode for Renumber {
    type Error = std::convert::Infallible;

    fn function_index(&mut self, index: u32) -> Result<u32, reencode::Error<Self::Error>> {
        Ok(self.index(index))
    }
}

/// The whole module, with the function and code sections in the new order.
struct Rewrite {
    renumber: Renumber,
    /// The old local index of the function at each new position.
    laid_out: Vec<usize>,
}

impl Reencode for Rewrite {
    type Error = anyhow::Error;

    fn function_index(&mut self, index: u32) -> Result<u32, reencode::Error<Self::Error>> {
        Ok(self.renumber.index(index))
    }

    fn parse_function_section(
        &mut self,
        functions: &mut wasm_encoder::FunctionSection,
        section: wasmparser::FunctionSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let types = section.into_iter().collect::<Result<Vec<_>, _>>()?;
        for &old in &self.laid_out {
            functions.function(types[old]);
        }
        Ok(())
    }

    fn parse_code_section(
        &mut self,
        code: &mut wasm_encoder::CodeSection,
        section: wasmparser::CodeSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let bodies = section.into_iter().collect::<Result<Vec<_>, _>>()?;
        for &old in &self.laid_out {
            let body = self
                .renumber
                .body(&bodies[old])
                .map_err(reencode::Error::UserError)?;
            code.raw(&body);
        }
        Ok(())
    }
}

/// Fingerprint size: how many min-hashes stand for a body's byte shingles.
const HASHES: usize = 64;
/// How many of the bodies most like the last one are priced against what
/// is laid out.
const CANDIDATES: usize = 64;
/// The price models the pass lays the module out under: a small grid around
/// a literal of one byte and a match of two, each giving its own order.
const PRICES: [Prices; 8] = [
    Prices {
        literal: 8,
        matched: 13,
    },
    Prices {
        literal: 8,
        matched: 10,
    },
    Prices {
        literal: 8,
        matched: 8,
    },
    Prices {
        literal: 8,
        matched: 6,
    },
    Prices {
        literal: 10,
        matched: 10,
    },
    Prices {
        literal: 10,
        matched: 6,
    },
    Prices {
        literal: 12,
        matched: 10,
    },
    Prices {
        literal: 6,
        matched: 8,
    },
];

/// An order of `bodies` (indices into it) in which each tends to follow one
/// it resembles. Greedy: from the first, repeatedly take, among the unplaced
/// bodies whose min-hash fingerprints best match the last one placed, the
/// one deflate would spend the fewest bits on, per byte of body, after what
/// is already laid out.
fn resemblance_order(bodies: &[Vec<u8>], prices: Prices) -> Vec<usize> {
    let prints: Vec<[u32; HASHES]> = bodies.iter().map(|body| fingerprint(body)).collect();
    let mut placed = vec![false; bodies.len()];
    let mut order = Vec::with_capacity(bodies.len());
    let mut stream = Stream::new();
    let mut last = 0;
    while order.len() < bodies.len() {
        if !order.is_empty() {
            last = best_next(bodies, &prints, &placed, last, &mut stream, prices);
        }
        placed[last] = true;
        order.push(last);
        stream.push(&bodies[last]);
    }
    order
}

fn best_next(
    bodies: &[Vec<u8>],
    prints: &[[u32; HASHES]],
    placed: &[bool],
    last: usize,
    stream: &mut Stream,
    prices: Prices,
) -> usize {
    let mut likeness: Vec<(usize, usize)> = (0..bodies.len())
        .filter(|&index| !placed[index])
        .map(|index| {
            let shared = prints[index]
                .iter()
                .zip(&prints[last])
                .filter(|(a, b)| a == b)
                .count();
            (HASHES - shared, index)
        })
        .collect();
    let count = likeness.len().min(CANDIDATES);
    likeness.select_nth_unstable(count - 1);
    likeness[..count]
        .iter()
        .map(|&(_, index)| {
            let bits = stream.cost(&bodies[index], prices);
            // Cost per byte of body, compared without floats: a/b < c/d.
            ((bits, bodies[index].len() as u64 + 1), index)
        })
        .min_by(|((a, b), i), ((c, d), j)| (a * d).cmp(&(c * b)).then(i.cmp(j)))
        .map(|(_, index)| index)
        .unwrap_or(last)
}

/// Min-hashes of the body's 4-byte shingles: two bodies share about as many
/// of them as the fraction of shingles they share.
fn fingerprint(body: &[u8]) -> [u32; HASHES] {
    let mut print = [u32::MAX; HASHES];
    for shingle in body.windows(4) {
        let shingle = u32::from_le_bytes([shingle[0], shingle[1], shingle[2], shingle[3]]);
        for (slot, min) in print.iter_mut().enumerate() {
            let seed = (slot as u32).wrapping_mul(0x9E37_79B9) | 1;
            let hash = (shingle ^ seed).wrapping_mul(0x85EB_CA6B).rotate_left(13);
            *min = (*min).min(hash.wrapping_mul(0xC2B2_AE35));
        }
    }
    print
}

#[cfg(test)]
mod tests {
    use wasm_encoder::{
        CodeSection, ConstExpr, CustomSection, ElementSection, Elements, EntityType, ExportKind,
        ExportSection, Function, FunctionSection, ImportSection, Instruction, Module, RefType,
        TableSection, TableType, TypeSection, ValType,
    };
    use wasmparser::{Operator, Payload};

    use super::*;

    /// A module with an import, two copies of `const 1`, two callers that
    /// become copies once those merge, and `const 2`; all exported, and the
    /// second copy also in a table.
    fn module(custom: Option<&str>) -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], [ValType::I32]);
        let mut imports = ImportSection::new();
        imports.import("env", "host", EntityType::Function(0));
        let mut functions = FunctionSection::new();
        let mut code = CodeSection::new();
        let bodies: [&[Instruction]; 5] = [
            &[Instruction::I32Const(1)],
            &[Instruction::I32Const(1)],
            &[Instruction::Call(1)],
            &[Instruction::Call(2)],
            &[Instruction::I32Const(2)],
        ];
        for body in bodies {
            functions.function(0);
            let mut function = Function::new([]);
            for instruction in body {
                function.instruction(instruction);
            }
            function.instruction(&Instruction::End);
            code.function(&function);
        }
        let mut tables = TableSection::new();
        tables.table(TableType {
            element_type: RefType::FUNCREF,
            table64: false,
            minimum: 1,
            maximum: None,
            shared: false,
        });
        let mut exports = ExportSection::new();
        for (name, index) in [
            ("one", 1),
            ("copy", 2),
            ("call", 3),
            ("call-copy", 4),
            ("two", 5),
        ] {
            exports.export(name, ExportKind::Func, index);
        }
        let mut elements = ElementSection::new();
        elements.active(
            Some(0),
            &ConstExpr::i32_const(0),
            Elements::Functions([2].as_slice().into()),
        );
        let mut module = Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&functions)
            .section(&tables)
            .section(&exports)
            .section(&elements)
            .section(&code);
        if let Some(name) = custom {
            module.section(&CustomSection {
                name: name.into(),
                data: [0u8].as_slice().into(),
            });
        }
        module.finish()
    }

    /// What each export and the table's first slot run, as the operators of
    /// the body they reach, following one call.
    fn behaviour(wasm: &[u8]) -> Vec<(String, String)> {
        let mut imported = 0;
        let mut targets = Vec::new();
        let mut bodies = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.unwrap() {
                Payload::ImportSection(imports) => imported = imports.into_imports().count(),
                Payload::ExportSection(exports) => {
                    for export in exports {
                        let export = export.unwrap();
                        targets.push((export.name.to_string(), export.index));
                    }
                }
                Payload::ElementSection(elements) => {
                    for element in elements {
                        if let wasmparser::ElementItems::Functions(items) = element.unwrap().items {
                            for index in items {
                                targets.push(("table".into(), index.unwrap()));
                            }
                        }
                    }
                }
                Payload::CodeSectionEntry(body) => {
                    let operators = body.get_operators_reader().unwrap();
                    bodies.push(
                        operators
                            .into_iter()
                            .map(|op| op.unwrap())
                            .collect::<Vec<_>>(),
                    );
                }
                _ => {}
            }
        }
        let run = |index: u32| -> String {
            let body = &bodies[index as usize - imported];
            match body[0] {
                Operator::Call { function_index } => {
                    format!("call {:?}", bodies[function_index as usize - imported][0])
                }
                ref operator => format!("{operator:?}"),
            }
        };
        let mut behaviour: Vec<_> = targets
            .into_iter()
            .map(|(name, index)| (name, run(index)))
            .collect();
        behaviour.sort();
        behaviour
    }

    #[test]
    fn merges_copies_and_keeps_what_every_export_and_table_slot_runs() {
        let before = module(None);
        let laid = for_gzip(&before).unwrap();
        assert_eq!(laid.tally.functions, 5);
        // `copy` is `one`; once it is, `call-copy` is `call`.
        assert_eq!(laid.tally.merged, 2);
        assert_eq!(laid.layouts.len(), PRICES.len());
        for layout in &laid.layouts {
            assert_eq!(behaviour(layout), behaviour(&before));
        }
        assert_eq!(
            behaviour(&before),
            [
                ("call", "call I32Const { value: 1 }"),
                ("call-copy", "call I32Const { value: 1 }"),
                ("copy", "I32Const { value: 1 }"),
                ("one", "I32Const { value: 1 }"),
                ("table", "I32Const { value: 1 }"),
                ("two", "I32Const { value: 2 }"),
            ]
            .map(|(name, runs)| (name.to_string(), runs.to_string()))
        );
    }

    #[test]
    fn refuses_a_module_whose_names_would_go_stale() {
        let error = for_gzip(&module(Some("name"))).err().unwrap();
        assert!(error.to_string().contains("name section"), "{error}");
    }

    #[test]
    fn refuses_a_module_with_debug_info() {
        let error = for_gzip(&module(Some(".debug_info"))).err().unwrap();
        assert!(
            error.to_string().contains("DWARF section `.debug_info`"),
            "{error}"
        );
    }

    #[test]
    fn resembling_bodies_end_up_next_to_each_other() {
        let unlike = |seed: u8| (0..200).map(|i: u8| i.wrapping_mul(seed) ^ seed).collect();
        let mut like: Vec<u8> = unlike(7);
        like[100] ^= 1;
        let bodies = vec![unlike(7), unlike(31), unlike(101), like];
        for prices in PRICES {
            assert_eq!(
                resemblance_order(&bodies, prices)[..2],
                [0, 3],
                "{prices:?}"
            );
        }
    }
}
