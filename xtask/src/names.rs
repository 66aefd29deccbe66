//! Short names for what the glue and the module call each other.
//!
//! wasm-bindgen names each import after its JS function plus a 64-bit hash
//! (`__wbg_setAttribute_2f3a…`), so that crates binding the same function
//! cannot clash. Once bound, the glue and the module ship together and the
//! names only have to agree with each other; but a hash is text gzip cannot
//! shrink, and each one is downloaded twice, in the module and in the glue.
//! This pass gives every import, and every export the glue reaches as
//! `wasm.<name>`, a name of one or two letters in both files, and drops the
//! module's custom sections, which browsers ignore.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, bail};
use wasm_encoder::reencode::{self, Reencode};
use wasmparser::{Imports, Parser, Payload};

/// The module and its glue, renamed together.
pub struct Shortened {
    pub wasm: Vec<u8>,
    pub glue: String,
}

pub fn shorten(wasm: &[u8], glue: &str) -> anyhow::Result<Shortened> {
    let mut names = Names::default();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    let import = import?;
                    names.module(import.module);
                    names.import(import.name)?;
                }
            }
            Payload::ExportSection(section) => {
                for export in section {
                    names.export(export?.name);
                }
            }
            _ => {}
        }
    }
    let glue = names.rename_glue(glue)?;
    let mut module = wasm_encoder::Module::new();
    reencode::utils::parse_core_module(&mut names, &mut module, Parser::new(0), wasm)
        .map_err(|error| anyhow::anyhow!("cannot rename the module's imports: {error:?}"))?;
    let wasm = module.finish();
    wasmparser::Validator::new()
        .validate_all(&wasm)
        .context("the renamed module does not validate")?;
    reaches_only_exports(&glue, &wasm)?;
    Ok(Shortened { wasm, glue })
}

/// The rewrite works on the glue as text, so a name it missed or mangled
/// would only fail in a reader's browser; every `wasm.<name>` left in the
/// glue must be an export of the module it ships with.
fn reaches_only_exports(glue: &str, wasm: &[u8]) -> anyhow::Result<()> {
    let mut exports = HashSet::new();
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::ExportSection(section) = payload? {
            for export in section {
                exports.insert(export?.name.to_string());
            }
        }
    }
    let mut rest = glue;
    while let Some(at) = rest.find("wasm.") {
        let before = &glue[..glue.len() - rest.len() + at];
        let name_on = &rest[at + "wasm.".len()..];
        let end = name_on.find(|c| !is_word(c)).unwrap_or(name_on.len());
        let name = &name_on[..end];
        if !before.ends_with(is_word) && !name.is_empty() && !exports.contains(name) {
            bail!("the glue reaches `wasm.{name}`, which the module does not export");
        }
        rest = &name_on[end..];
    }
    Ok(())
}

/// Old name to new, for each of the three kinds of name the two files share.
#[derive(Default)]
struct Names {
    modules: HashMap<String, String>,
    imports: HashMap<String, String>,
    exports: HashMap<String, String>,
    given: usize,
}

impl Names {
    fn next(&mut self) -> String {
        self.given += 1;
        short(self.given - 1)
    }

    fn module(&mut self, name: &str) {
        if !self.modules.contains_key(name) {
            let short = self.next();
            self.modules.insert(name.to_string(), short);
        }
    }

    /// The glue finds an import by its name alone, so no two may share one.
    fn import(&mut self, name: &str) -> anyhow::Result<()> {
        if self.imports.contains_key(name) {
            bail!("two imports are both named `{name}`");
        }
        let short = self.next();
        self.imports.insert(name.to_string(), short);
        Ok(())
    }

    fn export(&mut self, name: &str) {
        let short = self.next();
        self.exports.insert(name.to_string(), short);
    }

    /// The glue with every name renamed: imports where they stand as a
    /// whole word (the keys of the object the module is instantiated with),
    /// exports after `wasm.`, and modules where they stand quoted. An import
    /// or module the glue never mentions means it is not the glue this pass
    /// knows. An export it never reaches by `wasm.` may be reached some other
    /// way, so it keeps its name.
    fn rename_glue(&mut self, glue: &str) -> anyhow::Result<String> {
        let mut renamed = String::with_capacity(glue.len());
        let mut seen = HashSet::new();
        let mut reached = HashSet::new();
        let mut rest = glue;
        while let Some(start) = rest.find(is_word) {
            let (before, word_on) = rest.split_at(start);
            let end = word_on.find(|c| !is_word(c)).unwrap_or(word_on.len());
            let (word, after) = word_on.split_at(end);
            renamed.push_str(before);
            let new = if after_wasm(&renamed) {
                self.exports.get(word).inspect(|_| {
                    reached.insert(word.to_string());
                })
            } else {
                self.imports.get(word).inspect(|_| {
                    seen.insert(word);
                })
            };
            renamed.push_str(new.map_or(word, String::as_str));
            rest = after;
        }
        renamed.push_str(rest);
        if let Some(name) = self
            .imports
            .keys()
            .find(|name| !seen.contains(name.as_str()))
        {
            bail!("the glue never mentions the import `{name}`");
        }
        self.exports.retain(|name, _| reached.contains(name));
        for (old, new) in &self.modules {
            let quoted = format!("\"{old}\"");
            if !renamed.contains(&quoted) {
                bail!("the glue never names the module `{old}`");
            }
            renamed = renamed.replace(&quoted, &format!("\"{new}\""));
        }
        Ok(renamed)
    }
}

impl Reencode for Names {
    type Error = anyhow::Error;

    fn parse_imports(
        &mut self,
        section: &mut wasm_encoder::ImportSection,
        imports: Imports<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let Imports::Single(_, import) = imports else {
            return Err(reencode::Error::UserError(anyhow::anyhow!(
                "the module uses the compact import encoding, which this pass does not know"
            )));
        };
        let ty = self.entity_type(import.ty)?;
        section.import(&self.modules[import.module], &self.imports[import.name], ty);
        Ok(())
    }

    fn parse_export(
        &mut self,
        section: &mut wasm_encoder::ExportSection,
        export: wasmparser::Export<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let name = self
            .exports
            .get(export.name)
            .map_or(export.name, String::as_str);
        section.export(name, export.kind.into(), export.index);
        Ok(())
    }

    fn parse_custom_section(
        &mut self,
        _: &mut wasm_encoder::Module,
        _: wasmparser::CustomSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        Ok(())
    }
}

/// Whether the glue so far ends in a property access on `wasm`, the
/// instance's exports.
fn after_wasm(glue: &str) -> bool {
    glue.strip_suffix("wasm.")
        .is_some_and(|before| !before.ends_with(is_word))
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// The `n`th short name: `a` to `Z`, then `a0`, `b0`, … `ZZ`. Each is a
/// JavaScript identifier name, which is all a property name needs (even
/// `if` is one), and none is `__proto__`.
fn short(n: usize) -> String {
    const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const NEXT: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = String::from(FIRST[n % FIRST.len()] as char);
    let mut rest = n / FIRST.len();
    while rest > 0 {
        rest -= 1;
        name.push(NEXT[rest % NEXT.len()] as char);
        rest /= NEXT.len();
    }
    name
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use wasm_encoder::{
        CodeSection, CustomSection, EntityType, ExportKind, ExportSection, Function,
        FunctionSection, ImportSection, Instruction, Module, TypeSection,
    };
    use wasmparser::{Parser, Payload};

    use super::{short, shorten};

    const GLUE: &str = "\
export function mount(c) { return wasm.mount_7f(c); }
export function mountain() { return wasm.mount_7fx; }
function __wbg_get_imports() {
const import0 = {
__proto__: null,
__wbg_log_0a1b2c: function(arg0) { console.log(arg0); },
__wbg_now_3d4e5f: function() { return Date.now(); },
};
return { __proto__: null, \"./x_bg.js\": import0 };
}
";

    /// Two imports, and three exports of which the glue reaches two.
    fn module() -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], []);
        let mut imports = ImportSection::new();
        for name in ["__wbg_log_0a1b2c", "__wbg_now_3d4e5f"] {
            imports.import("./x_bg.js", name, EntityType::Function(0));
        }
        let mut functions = FunctionSection::new();
        functions.function(0);
        let mut code = CodeSection::new();
        let mut body = Function::new([]);
        body.instruction(&Instruction::Call(0));
        body.instruction(&Instruction::End);
        code.function(&body);
        let mut exports = ExportSection::new();
        for name in ["mount_7f", "mount_7fx", "by_other_means"] {
            exports.export(name, ExportKind::Func, 2);
        }
        let mut module = Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&functions)
            .section(&exports)
            .section(&code)
            .section(&CustomSection {
                name: "target_features".into(),
                data: [0u8].as_slice().into(),
            });
        module.finish()
    }

    /// The module's import modules and names, export names, and custom
    /// section names.
    fn names(wasm: &[u8]) -> (Vec<(String, String)>, Vec<String>, Vec<String>) {
        let (mut imports, mut exports, mut custom) = (Vec::new(), Vec::new(), Vec::new());
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.unwrap() {
                Payload::ImportSection(section) => {
                    for import in section.into_imports() {
                        let import = import.unwrap();
                        imports.push((import.module.to_string(), import.name.to_string()));
                    }
                }
                Payload::ExportSection(section) => {
                    for export in section {
                        exports.push(export.unwrap().name.to_string());
                    }
                }
                Payload::CustomSection(section) => custom.push(section.name().to_string()),
                _ => {}
            }
        }
        (imports, exports, custom)
    }

    #[test]
    fn the_glue_and_the_module_agree_on_the_new_names() {
        let short = shorten(&module(), GLUE).unwrap();
        let (imports, exports, custom) = names(&short.wasm);
        for (module, name) in &imports {
            assert!(
                short.glue.contains(&format!("\"{module}\": import0")),
                "{module}"
            );
            assert!(
                short.glue.contains(&format!("\n{name}: function(")),
                "{name}"
            );
        }
        assert!(short.glue.contains(&format!("wasm.{}(c)", exports[0])));
        assert!(short.glue.contains(&format!("wasm.{};", exports[1])));
        assert_eq!(exports[2], "by_other_means");
        assert!(custom.is_empty(), "{custom:?}");
        for old in ["_0a1b2c", "_3d4e5f", "mount_7f", "x_bg.js"] {
            assert!(!short.glue.contains(old), "{old} left in\n{}", short.glue);
        }
        // What the glue itself exports keeps its name.
        assert!(short.glue.starts_with("export function mount(c)"));
        assert!(short.glue.contains("export function mountain()"));
        let longest = imports.iter().map(|(_, name)| name.len()).max();
        assert_eq!(longest, Some(1));
    }

    #[test]
    fn an_import_the_glue_never_mentions_is_an_error() {
        let glue = GLUE.replace("__wbg_now_3d4e5f", "__wbg_now_other");
        let error = shorten(&module(), &glue).err().unwrap();
        assert!(
            format!("{error:#}").contains("never mentions the import `__wbg_now_3d4e5f`"),
            "{error:#}"
        );
    }

    #[test]
    fn a_glue_reaching_what_the_module_does_not_export_is_an_error() {
        let glue = GLUE.replace("wasm.mount_7fx;", "wasm.mount_7fy;");
        let error = shorten(&module(), &glue).err().unwrap();
        assert_eq!(
            format!("{error:#}"),
            "the glue reaches `wasm.mount_7fy`, which the module does not export"
        );
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..52 * 63).map(short).collect();
        assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
        assert!(names.iter().all(|name| name.len() <= 2
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric())));
        assert_eq!(names[..3], ["a", "b", "c"]);
    }
}
