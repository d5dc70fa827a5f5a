/**
 * A structural copy of a graph: new Graph / Subgraph / Node / Tensor objects (so passes can edit freely), sharing the
 * constant `data` arrays (passes never write into a data array, they replace it) and attr values.
 */
import { Graph, Node, Subgraph, Tensor } from '../ir/graph.ts';

export function cloneGraph(src: Graph): Graph {
  const tensors = new Map<Tensor, Tensor>();
  const t = (x: Tensor): Tensor => {
    let c = tensors.get(x);
    if (!c) {
      c = new Tensor(x.name, x.dtype, [...x.shape], x.data, x.quantization);
      if (x.shapeSignature) c.shapeSignature = [...x.shapeSignature];
      c.isVariable = x.isVariable;
      c.hasRank = x.hasRank;
      if (x.sparsity) c.sparsity = x.sparsity;
      if (x.variantTensors) c.variantTensors = x.variantTensors;
      c.externalBuffer = x.externalBuffer;
      tensors.set(x, c);
    }
    return c;
  };
  const subs = new Map<Subgraph, Subgraph>();
  const g = new Graph();
  g.version = src.version;
  g.description = src.description;
  g.metadata = src.metadata.map((m) => ({ ...m }));
  g.metadataBuffers = [...src.metadataBuffers];
  g.externalBufferGroups = [...src.externalBufferGroups];
  g.externalBuffers = [...src.externalBuffers];
  for (const s of src.subgraphs) {
    const c = new Subgraph(s.name, s.tensors.map(t), [], s.inputs.map(t), s.outputs.map(t));
    c.debugMetadataIndex = s.debugMetadataIndex;
    c.nodes = s.nodes.map((n) => {
      const m = new Node(n.op, n.inputs.map((x) => (x ? t(x) : null)), n.outputs.map(t), n.version);
      m.attrs = { ...n.attrs };
      m.tfName = n.tfName;
      m.options = n.options;
      m.options2 = n.options2;
      if (n.customCode !== undefined) m.customCode = n.customCode;
      if (n.customOptions !== undefined) m.customOptions = n.customOptions;
      if (n.customOptionsFormat !== undefined) m.customOptionsFormat = n.customOptionsFormat;
      m.intermediates = n.intermediates.map(t);
      if (n.mutatingVariableInputs) m.mutatingVariableInputs = [...n.mutatingVariableInputs];
      m.debugMetadataIndex = n.debugMetadataIndex;
      if (n.deprecatedBuiltinCode !== undefined) m.deprecatedBuiltinCode = n.deprecatedBuiltinCode;
      return m;
    });
    subs.set(s, c);
    g.subgraphs.push(c);
  }
  g.signatures = src.signatures.map((s) => ({
    key: s.key,
    subgraph: subs.get(s.subgraph) ?? g.subgraphs[0]!,
    inputs: s.inputs.map((x) => ({ name: x.name, tensor: t(x.tensor) })),
    outputs: s.outputs.map((x) => ({ name: x.name, tensor: t(x.tensor) })),
  }));
  return g;
}
