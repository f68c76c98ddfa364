import { makeSystem, type TableSystem } from './system.js';

/**
 * Splits a system into independent parts: cells joined (directly or through other cells) by an
 * additivity constraint end up together (union–find; Tarjan 1975). Suppression in one part never
 * changes what an attacker can deduce in another, so each part can be solved on its own.
 */
export function splitComponents(system: TableSystem): readonly TableSystem[] {
  const parent = new Map<string, string>([...system.cells.keys()].map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression, mutating the local map in place.
    let node = id;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const c of system.constraints) {
    const a = find(c.total);
    for (const p of c.parts) {
      const b = find(p);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of system.cells.keys()) {
    const root = find(id);
    const list = groups.get(root);
    if (list) list.push(id);
    else groups.set(root, [id]);
  }
  if (groups.size === 1) return [system];
  return [...groups.values()].map((ids) => {
    const set = new Set(ids);
    return makeSystem(
      ids.map((id) => system.cells.get(id)!),
      system.constraints.filter((c) => set.has(c.total)),
    );
  });
}
