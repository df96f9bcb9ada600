// @vitest-environment node
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript, shared with the benches that run in Node without a build step
import { byClass, codeByScript, readSnapshot, retainingPath } from '../bench/heap-snapshot.mjs';

const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic'];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

type Node = { type: string; name: string; size: number; edges?: [type: string, name: string | number, to: number][] };

/** A snapshot in V8's format from a list of nodes (the first is the root), edges naming nodes by index. */
function snapshot(nodes: Node[]) {
  const strings: string[] = [];
  const str = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const fields = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
  return {
    snapshot: { meta: { node_fields: fields, node_types: [NODE_TYPES], edge_fields: ['type', 'name_or_index', 'to_node'], edge_types: [EDGE_TYPES] } },
    nodes: nodes.flatMap((n, i) => [NODE_TYPES.indexOf(n.type), str(n.name), i * 2 + 1, n.size, n.edges?.length ?? 0, 0, 0]),
    edges: nodes.flatMap((n) => (n.edges ?? []).flatMap(([type, name, to]) => [EDGE_TYPES.indexOf(type), typeof name === 'number' ? name : str(name), to * fields.length])),
    strings,
  };
}

// root → a (Foo), b (Foo); a and b → c (a string both share); a → d (a string), d ⇢ b (weak); a → e (a Foo only a holds).
const GRAPH: Node[] = [
  { type: 'synthetic', name: '', size: 0, edges: [['element', 1, 1], ['element', 2, 2]] },
  { type: 'object', name: 'Foo', size: 10, edges: [['property', 'c', 3], ['property', 'd', 4], ['property', 'e', 5]] },
  { type: 'object', name: 'Foo', size: 20, edges: [['property', 'c', 3]] },
  { type: 'string', name: 'shared', size: 5 },
  { type: 'string', name: 'only a', size: 7, edges: [['weak', 'b', 2]] },
  { type: 'object', name: 'Foo', size: 3 },
];

describe('heap snapshot reading', () => {
  it('retained size: what only the node holds, strong edges only', () => {
    const h = readSnapshot(snapshot(GRAPH));
    // a holds d and e alone (c is b's too, the weak edge from d to b holds nothing): 10 + 7 + 3.
    expect([1, 2, 3, 4, 5].map((i) => h.retained[i])).toEqual([20, 20, 5, 7, 3]);
    expect(h.retained[0]).toBe(45);
    expect(Array.from(h.idom.slice(1))).toEqual([0, 0, 0, 1, 1]);
  });

  it('per class: count and shallow bytes of all, retained bytes of those no other of the class holds', () => {
    const classes = byClass(readSnapshot(snapshot(GRAPH)));
    // e is inside a, so Foo retains a's 20 and b's 20, not e's 3 again.
    expect(classes.get('Foo')).toEqual({ count: 3, self: 33, retained: 40 });
    expect(classes.get('(string)')).toEqual({ count: 2, self: 12, retained: 12 });
  });

  it('compiled code per script: what each SharedFunctionInfo retains, by its script\'s name without the query', () => {
    const h = readSnapshot(snapshot([
      { type: 'synthetic', name: '', size: 0, edges: [['element', 1, 1], ['element', 2, 2], ['element', 3, 3]] },
      { type: 'code', name: 'system / SharedFunctionInfo / f', size: 40, edges: [['internal', 'script', 3], ['internal', 'bytecode', 4]] },
      { type: 'code', name: 'system / SharedFunctionInfo / g', size: 40, edges: [['internal', 'script', 3]] },
      { type: 'code', name: 'system / Script', size: 8, edges: [['internal', 'name', 5]] },
      { type: 'code', name: 'system / BytecodeArray', size: 100 },
      { type: 'string', name: 'http://127.0.0.1:1/dist/a.js?v=1', size: 30 },
    ]));
    // f holds its bytecode (40 + 100), g only itself; each named as V8 labels it.
    expect(Object.fromEntries(codeByScript(h))).toEqual({ '/dist/a.js': { functions: 2, retained: 180, each: [{ name: 'f', retained: 140 }, { name: 'g', retained: 40 }] } });
  });

  it('retaining path: the shortest strong path from the root, as class.edge steps', () => {
    const h = readSnapshot(snapshot(GRAPH));
    expect(retainingPath(h, 4)).toBe('Foo.d');
    expect(retainingPath(h, 1)).toBe('');
  });
});
