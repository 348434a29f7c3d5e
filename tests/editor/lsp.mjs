// Drives the real yaml-language-server (the engine of the VS Code YAML extension) over stdio,
// the way an editor does, and prints what it reports as JSON on standard output.
//
// usage: node lsp.mjs SERVER_JS SCHEMA_JSON FILE...
//   -> {"diagnostics": {FILE: [{line, column, message}]},
//       "completions": {FILE: {LINE: [label...]}}, "hovers": {FILE: {LINE: text}}}
// Completion and hover are asked at every line that holds `__complete__` (the value position)
// or `__hover__` (a key, written as `__hover__key`): the marker is removed before the file is
// opened. Lines and columns are 1-based.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const [server, schema, ...files] = process.argv.slice(2);
const child = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const published = new Map();
const waiters = new Map();

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((ok) => pending.set(id, ok));
}
const settings = {
  yaml: {
    validate: true, hover: true, completion: true, format: { enable: false },
    schemaStore: { enable: false },
    schemas: { [pathToFileURL(resolve(schema)).href]: "*.yaml" },
  },
};
child.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.slice(end + 4, end + 4 + length).toString("utf8"));
    buffer = buffer.slice(end + 4 + length);
    if (message.id !== undefined && message.method) {
      // Requests from the server: configuration, capability registration.
      const result = message.method === "workspace/configuration"
        ? message.params.items.map((i) => (i.section ? settings[i.section] ?? null : settings))
        : null;
      send({ id: message.id, result });
    } else if (message.id !== undefined) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.method === "textDocument/publishDiagnostics") {
      published.set(message.params.uri, message.params.diagnostics);
      waiters.get(message.params.uri)?.();
    }
  }
});

const root = pathToFileURL(process.cwd()).href;
await request("initialize", {
  processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: "w" }],
  capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: false } }, hover: { contentFormat: ["plaintext"] } } },
});
send({ method: "initialized", params: {} });
send({ method: "workspace/didChangeConfiguration", params: { settings } });

const out = { diagnostics: {}, completions: {}, hovers: {} };
for (const file of files) {
  const uri = pathToFileURL(resolve(file)).href;
  const raw = readFileSync(file, "utf8");
  const asks = [];
  const lines = raw.split("\n").map((line, i) => {
    for (const marker of ["__complete__", "__hover__"]) {
      const at = line.indexOf(marker);
      if (at >= 0) {
        asks.push({ kind: marker, line: i, character: marker === "__hover__" ? at + 1 : at });
        line = line.slice(0, at) + line.slice(at + marker.length);
      }
    }
    return line;
  });
  const text = lines.join("\n");
  // Diagnostics arrive after a debounce; wait for the first set after opening.
  const got = new Promise((ok) => waiters.set(uri, ok));
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "yaml", version: 1, text } } });
  await Promise.race([got, new Promise((ok) => setTimeout(ok, 15000))]);
  // A file the server never reported on is left out, so a silent server cannot pass as clean.
  if (!published.has(uri)) continue;
  out.diagnostics[file] = published.get(uri).map((d) => ({
    line: d.range.start.line + 1, column: d.range.start.character + 1, message: d.message,
  }));
  for (const ask of asks) {
    const position = { line: ask.line, character: ask.character };
    if (ask.kind === "__complete__") {
      const r = await request("textDocument/completion", { textDocument: { uri }, position });
      ((out.completions[file] ??= {})[ask.line + 1] = (r?.items ?? r ?? []).map((i) => i.label));
    } else {
      const r = await request("textDocument/hover", { textDocument: { uri }, position });
      const c = r?.contents;
      ((out.hovers[file] ??= {})[ask.line + 1] = typeof c === "string" ? c : c?.value ?? "");
    }
  }
  send({ method: "textDocument/didClose", params: { textDocument: { uri } } });
}
await request("shutdown", null);
send({ method: "exit" });
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
setTimeout(() => process.exit(0), 200);
