//! Release builds on Linux link the `assess` binary with `layout/hot-code.ld`, which places the
//! functions a single run executes together at the start of its code: a report then maps about
//! a third of the code pages it did (see `layout/generate` and the README's "Performance").
//!
//! Skipped, leaving the linker's own layout, for debug builds (the script adds about half a
//! second to every link) unless `ASSESS_CODE_LAYOUT=always` (CI sets it, so that every CI run
//! links with the script and tests that binary), for other systems, for a linker other than GNU
//! ld or LLD named in the Rust flags (mold and gold take no `INSERT` script), and when
//! `ASSESS_CODE_LAYOUT=off`.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=layout/hot-code.ld");
    println!("cargo:rerun-if-env-changed=ASSESS_CODE_LAYOUT");
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    let var = |name: &str| env::var(name).unwrap_or_default();
    let choice = var("ASSESS_CODE_LAYOUT");
    let wanted = (var("PROFILE") == "release" || choice == "always")
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && choice != "off"
        && !other_linker(&var("CARGO_ENCODED_RUSTFLAGS"))
        && !other_linker(&var("RUSTC_LINKER"));
    let script = Path::new(&var("CARGO_MANIFEST_DIR")).join("layout/hot-code.ld");
    let Some(script) = script.to_str().filter(|path| !path.contains(',')) else {
        return; // `-Wl,` would split the path at its comma.
    };
    if wanted && Path::new(script).is_file() {
        println!("cargo:rustc-link-arg-bins=-Wl,-T,{script}");
    }
}

/// Whether the Rust flags (or the linker Cargo was told to use) name a linker that may not take
/// an `INSERT` linker script.
fn other_linker(flags: &str) -> bool {
    flags.split('\u{1f}').any(|flag| {
        let flag = flag.to_ascii_lowercase();
        (flag.contains("fuse-ld=")
            && !flag.contains("fuse-ld=lld")
            && !flag.contains("fuse-ld=bfd"))
            || flag.contains("mold")
            || flag.contains("gold")
    })
}
