#!/usr/bin/env node
// Validates the Kubernetes manifests of deploy/k8s (or the directory given as argv[2]):
//  1. every document parses as YAML and validates against the Kubernetes OpenAPI schema that
//     kubernetes-models ships (types, required fields, enums, formats);
//  2. no field is unknown to that schema: the OpenAPI schemas allow extra properties, so a typo
//     such as `readinesProbe` would pass step 1 and be dropped silently by the API server; we
//     catch it by recording which properties the compiled validator reads (a Proxy) and
//     reporting every property it never looked at, like `kubectl --validate=strict`;
//  3. sharpline's own rules: every Deployment container has a readiness probe on /ready, a
//     liveness probe on /health, requests for cpu and memory and a memory limit; *.json
//     entries of a ConfigMap parse;
//  4. kustomization.yaml lists only files that exist, and every manifest except *.example.yaml.
// Prints one line per problem and exits 1 if there is any, 0 otherwise.
"use strict";

const fs = require("fs");
const path = require("path");
const YAML = require("yaml");

const schemasDir = path.join(__dirname, "node_modules", "kubernetes-models", "_schemas");
const apimachinerySchemasDir = path.join(
  __dirname,
  "node_modules",
  "@kubernetes-models",
  "apimachinery",
  "_schemas",
);

// apps/v1 + Deployment -> IoK8sApiAppsV1Deployment; v1 + ConfigMap -> IoK8sApiCoreV1ConfigMap.
function schemaName(apiVersion, kind) {
  const parts = String(apiVersion).split("/");
  const version = parts.pop();
  const group = parts.length === 0 ? "core" : parts[0].split(".")[0];
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  return `IoK8sApi${cap(group)}${cap(version)}${kind}`;
}

function loadValidator(apiVersion, kind) {
  const name = schemaName(apiVersion, kind);
  for (const dir of [schemasDir, apimachinerySchemasDir]) {
    const file = path.join(dir, `${name}.js`);
    if (fs.existsSync(file)) return require(file).validate;
  }
  return null;
}

// Wraps a plain JSON value so that every property read is recorded per object path.
function tracked(value, pointer, reads) {
  if (value === null || typeof value !== "object") return value;
  if (!reads.has(pointer)) reads.set(pointer, new Set());
  const seen = reads.get(pointer);
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string") seen.add(key);
      const child = Reflect.get(target, key, receiver);
      if (typeof key !== "string" || child === null || typeof child !== "object") return child;
      return tracked(child, `${pointer}/${key}`, reads);
    },
    ownKeys(target) {
      // A map (labels, resources.limits, data) is iterated: all its keys count as known.
      for (const key of Reflect.ownKeys(target)) if (typeof key === "string") seen.add(key);
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(value, pointer, reads, out) {
  if (value === null || typeof value !== "object") return;
  const seen = reads.get(pointer);
  if (!seen) return; // the validator never descended here (e.g. free-form data): not ours to judge
  for (const key of Object.keys(value)) {
    if (!Array.isArray(value) && !seen.has(key)) out.push(`${pointer}/${key}`);
    else unknownFields(value[key], `${pointer}/${key}`, reads, out);
  }
}

function schemaProblems(doc) {
  const validate = loadValidator(doc.apiVersion, doc.kind);
  if (!validate) return [`unknown apiVersion/kind ${doc.apiVersion}/${doc.kind}`];
  const reads = new Map();
  const ok = validate(tracked(doc, "", reads));
  if (!ok) {
    return (validate.errors || []).map(
      (e) => `${e.instancePath || "/"}: ${e.message || e.keyword} ${JSON.stringify(e.params || {})}`,
    );
  }
  const unknown = [];
  unknownFields(doc, "", reads, unknown);
  return unknown.map((p) => `${p}: unknown field`);
}

function podSpecOf(doc) {
  if (["Deployment", "StatefulSet", "DaemonSet", "Job"].includes(doc.kind)) {
    return doc.spec && doc.spec.template && doc.spec.template.spec;
  }
  return null;
}

function sharplineRules(doc) {
  const problems = [];
  // Files shipped in a ConfigMap (the webhook subscribers) must at least parse.
  if (doc.kind === "ConfigMap") {
    for (const [key, value] of Object.entries(doc.data || {})) {
      if (!key.endsWith(".json")) continue;
      try {
        JSON.parse(value);
      } catch (e) {
        problems.push(`data.${key}: not JSON: ${e.message}`);
      }
    }
  }
  const pod = podSpecOf(doc);
  if (!pod) return problems;
  for (const c of pod.containers || []) {
    const where = `container ${c.name}`;
    const r = c.resources || {};
    for (const res of ["cpu", "memory"]) {
      if (!(r.requests && r.requests[res])) problems.push(`${where}: no resources.requests.${res}`);
    }
    if (!(r.limits && r.limits.memory)) problems.push(`${where}: no resources.limits.memory`);
    if (doc.kind !== "Deployment") continue; // a Job runs to completion: probes make no sense
    const probePath = (p) => p && p.httpGet && p.httpGet.path;
    if (probePath(c.readinessProbe) !== "/ready") {
      problems.push(`${where}: readinessProbe must be httpGet /ready`);
    }
    if (probePath(c.livenessProbe) !== "/health") {
      problems.push(`${where}: livenessProbe must be httpGet /health`);
    }
  }
  return problems;
}

function kustomizationProblems(dir, doc, manifestFiles) {
  const problems = [];
  const listed = new Set(doc.resources || []);
  for (const r of listed) {
    if (!fs.existsSync(path.join(dir, r))) problems.push(`resources: ${r} does not exist`);
  }
  for (const f of manifestFiles) {
    if (!f.endsWith(".example.yaml") && !listed.has(f)) {
      problems.push(`resources: ${f} is not listed (name it *.example.yaml if that is deliberate)`);
    }
  }
  return problems;
}

function main() {
  const dir = path.resolve(process.argv[2] || path.join(__dirname, "..", "..", "deploy", "k8s"));
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const manifestFiles = files.filter((f) => f !== "kustomization.yaml");
  const problems = [];
  let checked = 0;
  for (const file of files) {
    const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, file), "utf8"));
    docs.forEach((parsed, index) => {
      const at = `${file}#${index + 1}`;
      if (parsed.errors.length > 0) {
        for (const e of parsed.errors) problems.push(`${at}: YAML: ${e.message}`);
        return;
      }
      const doc = parsed.toJSON();
      if (doc === null) return; // an empty document (trailing ---)
      if (file === "kustomization.yaml") {
        if (doc.kind !== "Kustomization") problems.push(`${at}: kind must be Kustomization`);
        for (const p of kustomizationProblems(dir, doc, manifestFiles)) problems.push(`${at}: ${p}`);
        checked++;
        return;
      }
      const label = `${at} ${doc.kind}/${doc.metadata && doc.metadata.name}`;
      for (const p of schemaProblems(doc)) problems.push(`${label}: ${p}`);
      for (const p of sharplineRules(doc)) problems.push(`${label}: ${p}`);
      checked++;
    });
  }
  for (const p of problems) console.log(`validate-k8s: ${p}`);
  console.log(`validate-k8s: ${checked} documents in ${files.length} files, ${problems.length} problems`);
  process.exit(problems.length === 0 && checked > 0 ? 0 : 1);
}

main();
