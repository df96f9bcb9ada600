// Reading a V8 heap snapshot (the `.heapsnapshot` JSON that CDP `HeapProfiler.takeHeapSnapshot`
// streams, DevTools' format): retained sizes from the dominator tree, sizes per class, compiled
// code per script, retaining paths. Used by heap-diff.mjs; tests/unit/heap-snapshot.test.ts checks
// it on snapshots worked out by hand.

/**
 * The snapshot as flat arrays, with every node's retained size: the bytes that would be freed
 * with it, from the dominator tree (Cooper, Harvey and Kennedy's iterative algorithm) over the
 * strong edges (weak edges retain nothing, as in DevTools).
 */
export function readSnapshot({ snapshot: { meta }, nodes, edges, strings }) {
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const [nType, nName, nSelf, nEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f));
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f));
  const nodeTypes = meta.node_types[nType];
  const edgeTypes = meta.edge_types[eType];
  const count = nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * nf + nEdges] * ef;
    firstEdge[i + 1] = e;
  }
  const weak = edgeTypes.indexOf('weak');
  const type = (i) => nodeTypes[nodes[i * nf + nType]];
  const name = (i) => strings[nodes[i * nf + nName]];
  const self = (i) => nodes[i * nf + nSelf];
  const edgeName = (e) => (['element', 'hidden'].includes(edgeTypes[edges[e + eType]]) ? `[${edges[e + eName]}]` : strings[edges[e + eName]]);
  const children = function* (i, all = false) {
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += ef) {
      if (all || edges[e + eType] !== weak) yield [edges[e + eTo] / nf, e];
    }
  };

  // Post-order from the root, iteratively.
  const order = new Int32Array(count).fill(-1);
  const post = [];
  const stack = [[0, children(0)]];
  order[0] = -2;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const next = top[1].next();
    if (next.done) {
      order[top[0]] = post.length;
      post.push(top[0]);
      stack.pop();
    } else if (order[next.value[0]] === -1) {
      order[next.value[0]] = -2;
      stack.push([next.value[0], children(next.value[0])]);
    }
  }
  const preds = Array.from({ length: count }, () => []);
  for (const i of post) for (const [to] of children(i)) preds[to].push(i);
  const idom = new Int32Array(count).fill(-1);
  idom[0] = 0;
  const intersect = (a, b) => {
    while (a !== b) {
      while (order[a] < order[b]) a = idom[a];
      while (order[b] < order[a]) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = post.length - 2; k >= 0; k--) {
      const i = post[k];
      let dom = -1;
      for (const p of preds[i]) if (idom[p] !== -1) dom = dom === -1 ? p : intersect(p, dom);
      if (dom !== idom[i]) {
        idom[i] = dom;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(count);
  for (const i of post) {
    retained[i] += self(i);
    if (i !== 0 && idom[i] >= 0) retained[idom[i]] += retained[i];
  }
  return { count, type, name, self, retained, idom, preds, children, edgeName, reachable: (i) => order[i] >= 0 };
}

/** What a node is called in the comparison: its constructor for objects, its kind for the rest. */
export function className(h, i) {
  const type = h.type(i);
  if (type === 'object' || type === 'native') return h.name(i).replace(/ @\d+$/, '').slice(0, 60);
  if (type === 'closure') return '(closure)';
  if (type === 'code') {
    // `system / BytecodeArray`, `system / SharedFunctionInfo / name`: V8's kind of code object.
    const name = h.name(i);
    return `(code) ${name.startsWith('system / ') ? name.split(' / ')[1] : name.slice(0, 30)}`;
  }
  return `(${type})`;
}

/** Per class: count, shallow bytes, and retained bytes of the instances no other instance of it holds. */
export function byClass(h) {
  const classes = new Map();
  for (let i = 1; i < h.count; i++) {
    if (!h.reachable(i)) continue;
    const key = className(h, i);
    const c = classes.get(key) ?? { count: 0, self: 0, retained: 0 };
    c.count++;
    c.self += h.self(i);
    let d = h.idom[i];
    while (d > 0 && className(h, d) !== key) d = h.idom[d];
    if (d <= 0) c.retained += h.retained[i];
    classes.set(key, c);
  }
  return classes;
}

/**
 * Compiled code by the script it came from: every SharedFunctionInfo with a `script` edge, with
 * what it alone holds (its bytecode, scope info, feedback metadata), summed per script name.
 */
export function codeByScript(h) {
  const scripts = new Map();
  const scriptName = new Map();
  for (let i = 1; i < h.count; i++) {
    if (!h.reachable(i) || h.type(i) !== 'code') continue;
    let script = -1;
    for (const [to, e] of h.children(i, true)) if (h.edgeName(e) === 'script') script = to;
    if (script < 0) continue;
    if (!scriptName.has(script)) {
      let label = h.name(script);
      for (const [to, e] of h.children(script, true)) if (h.edgeName(e) === 'name' && h.type(to) === 'string') label = h.name(to);
      scriptName.set(script, label || `(script @${script})`);
    }
    const key = scriptName.get(script).replace(/\?v=.*/, '').replace(/^https?:\/\/[^/]+/, '');
    const s = scripts.get(key) ?? { functions: 0, retained: 0, each: [] };
    s.functions++;
    s.retained += h.retained[i];
    // The function's name as V8 labels its SharedFunctionInfo (`system / SharedFunctionInfo / name`, or the name alone).
    s.each.push({ name: h.name(i).replace(/^system \/ SharedFunctionInfo( \/ )?/, '') || '(anonymous)', retained: h.retained[i] });
    scripts.set(key, s);
  }
  return scripts;
}

/** The shortest strong path from a GC root to node `i`, as `edge → edge → …` (breadth-first over predecessors). */
export function retainingPath(h, i) {
  const seen = new Map([[i, null]]);
  const queue = [i];
  while (queue.length) {
    const n = queue.shift();
    if (n === 0) break;
    for (const p of h.preds[n]) {
      if (seen.has(p)) continue;
      seen.set(p, n);
      queue.push(p);
    }
  }
  if (!seen.has(0)) return '(unreachable)';
  const steps = [];
  for (let n = 0; n !== i;) {
    const next = seen.get(n);
    let label = '?';
    for (const [to, e] of h.children(n)) if (to === next) label = h.edgeName(e);
    if (n !== 0) steps.push(`${className(h, n).slice(0, 40)}.${String(label).slice(0, 40)}`);
    n = next;
  }
  return steps.slice(-7).join(' → ');
}
