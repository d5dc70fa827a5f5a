/**
 * Activation fusion (TFLite ops). Rule: RELU / RELU6 / RELU_N1_TO_1 applied to the output of an op that has a
 * `fused_activation_function` field set to NONE — CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, ADD, SUB, MUL, DIV,
 * AVERAGE_POOL_2D, MAX_POOL_2D, whose float kernels clamp their output to the activation's range — is removed and
 * the field set instead: y = act(op(x)) computed in one kernel.
 * TANH matches the same shape but is not fused (check fails): FULLY_CONNECTED refuses a fused TANH when the model
 * loads (fully_connected.cc accepts only NONE / RELU / RELU_N1_TO_1 / RELU6 — measured with tfjs-tflite), and the
 * other float kernels turn the fused activation into a clamp range (CalculateActivationRange), which has no TANH.
 * Checks: the pre-activation tensor has no other reader (and is not a graph output).
 */
import type { Node } from '../ir/graph.ts';
import { ActivationFunctionType } from '../formats/tflite/generated/tflite/activation-function-type.ts';
import { rulePass, type RewriteRule } from './pass.ts';

const ACTIVATIONS: Readonly<Record<string, ActivationFunctionType>> = {
  RELU: ActivationFunctionType.RELU,
  RELU6: ActivationFunctionType.RELU6,
  RELU_N1_TO_1: ActivationFunctionType.RELU_N1_TO_1,
  TANH: ActivationFunctionType.TANH,
};

/** Ops whose float kernels apply a fused RELU-family activation. */
export const FUSES_ACTIVATION: ReadonlySet<string> = new Set(['CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED', 'ADD', 'SUB', 'MUL', 'DIV', 'AVERAGE_POOL_2D', 'MAX_POOL_2D']);

interface ActMatch { act: Node; op: Node; fn: ActivationFunctionType }

type WithAct = { fusedActivationFunction: ActivationFunctionType };

const fuse: RewriteRule<ActMatch> = {
  name: 'fuse-activation',
  roots: Object.keys(ACTIVATIONS),
  match(act, g) {
    const p = g.producer(act.inputs[0]);
    const opts = p?.node.options?.value as Partial<WithAct> | undefined;
    if (!p || p.index !== 0 || opts?.fusedActivationFunction === undefined) return undefined;
    return { act, op: p.node, fn: ACTIVATIONS[act.op]! };
  },
  check({ act, op, fn }, g) {
    if (!FUSES_ACTIVATION.has(op.op)) return `${op.op}'s kernel does not apply a fused activation`;
    if (fn === ActivationFunctionType.TANH) return 'TFLite float kernels do not apply a fused TANH (only RELU-family clamps)';
    if ((op.options!.value as WithAct).fusedActivationFunction !== ActivationFunctionType.NONE) return `${op.name} already has a fused activation`;
    if (!g.singleUse(act.inputs[0]!)) return `${act.inputs[0]!.name} has other readers`;
    return undefined;
  },
  rewrite({ act, op, fn }, g) {
    (op.options!.value as WithAct).fusedActivationFunction = fn;
    op.outputs[0] = act.outputs[0]!;
    g.touch();
    g.removeNode(act);
  },
};

export const fuseActivationPass = rulePass('fuse-activation', 'RELU / RELU6 / RELU_N1_TO_1 after an op with a fused-activation field is fused into it', [fuse]);
