//! Links the `assess` binary with `layout/hot-code.ld`, which places the functions a single run
//! executes together at the start of its code: a report then takes about 65 page faults on the
//! binary's file instead of about 105 (see `layout/generate` and the README's "Performance").
//!
//! It does so for release builds for Linux with the GNU C library (`x86_64-unknown-linux-gnu`
//! and the like), whose linkers, GNU ld and LLD, both take the script. It leaves the linker's
//! own layout:
//! - for debug builds, where the script would add about 2.3 s to every link (0.5 s in release),
//!   unless `ASSESS_CODE_LAYOUT=always` (CI sets it, so that every CI run proves the linker
//!   takes the script and tests the binary it makes);
//! - for other systems and C libraries (musl included);
//! - when the Rust flags or Cargo's linker setting name mold or gold, which take no `INSERT`
//!   script;
//! - when `ASSESS_CODE_LAYOUT=off`, for any other linker that refuses the script.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=layout/hot-code.ld");
    println!("cargo:rerun-if-env-changed=ASSESS_CODE_LAYOUT");
    let var = |name: &str| env::var(name).unwrap_or_default();
    let setting = var("ASSESS_CODE_LAYOUT");
    if !matches!(setting.as_str(), "" | "off" | "always") {
        println!(
            "cargo:warning=ASSESS_CODE_LAYOUT is `{setting}`; it takes `off` or `always` \
             (unset: release builds only)"
        );
    }
    let layout = (var("PROFILE") == "release" || setting == "always")
        && setting != "off"
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && !names_linker_without_insert(&var("CARGO_ENCODED_RUSTFLAGS"))
        && !names_linker_without_insert(&var("RUSTC_LINKER"));
    let script = Path::new(&var("CARGO_MANIFEST_DIR")).join("layout/hot-code.ld");
    if layout && script.is_file() {
        // `-T` and the path as two arguments: the C compiler that drives the link passes `-T`
        // on, and a path with a comma or a space stays whole.
        println!("cargo:rustc-link-arg-bins=-T");
        println!("cargo:rustc-link-arg-bins={}", script.display());
    }
}

/// Whether the Rust flags (or the linker Cargo was told to use) name mold or gold, or another
/// linker than LLD or GNU ld's own (`-fuse-ld=`).
fn names_linker_without_insert(setting: &str) -> bool {
    setting.split('\u{1f}').any(|part| {
        let part = part.to_ascii_lowercase();
        part.contains("mold")
            || part.contains("gold")
            || (part.contains("fuse-ld=")
                && !part.contains("fuse-ld=lld")
                && !part.contains("fuse-ld=bfd"))
    })
}
