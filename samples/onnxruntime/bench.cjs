// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// ONNX Runtime's side of aecv-bench --onnxruntime: runs one model on its CPU execution provider
// and answers aecv-bench over stdin/stdout, so the two run interleaved (A B A B) in one benchmark.
//   node bench.cjs MODULES MODEL INPUT N C H W THREADS
// MODULES: a node_modules folder holding onnxruntime-node; INPUT: the input tensor, raw float32.
// Protocol: prints "ready <version>"; then a line "run" runs once and prints its milliseconds;
// "output PATH" runs once and writes the output tensor to PATH (raw float32), then prints "ok".
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');

async function main() {
    const [modules, model, inputPath, n, c, h, w, threads] = process.argv.slice(2);
    if (threads === undefined) throw new Error('usage: bench.cjs MODULES MODEL INPUT N C H W THREADS');
    const ort = require(path.join(modules, 'onnxruntime-node'));
    const version = require(path.join(modules, 'onnxruntime-node', 'package.json')).version;
    const session = await ort.InferenceSession.create(model, {
        executionProviders: ['cpu'],
        graphOptimizationLevel: 'all',
        executionMode: 'sequential',
        intraOpNumThreads: Number(threads),
        interOpNumThreads: 1,
        // idle threads sleep between runs: spinning took the cores during aecv's turn (aecv 80 -> 103
        // ms at 640x480 here) and gained ONNX Runtime nothing measurable
        extra: {session: {intra_op: {allow_spinning: '0'}}},
    });
    const bytes = fs.readFileSync(inputPath);
    const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    const dims = [n, c, h, w].map(Number);
    if (data.length !== dims.reduce((a, b) => a * b)) throw new Error(`${inputPath}: ${data.length} floats, expected ${dims.join('x')}`);
    const feeds = {[session.inputNames[0]]: new ort.Tensor('float32', data, dims)};
    const outputName = session.outputNames[0];
    console.log(`ready ${version}`);
    for await (const line of readline.createInterface({input: process.stdin})) {
        if (line === 'run') {
            const start = process.hrtime.bigint();
            await session.run(feeds, [outputName]);
            console.log(Number(process.hrtime.bigint() - start) / 1e6);
        } else if (line.startsWith('output ')) {
            const result = await session.run(feeds, [outputName]);
            const out = result[outputName].data;
            fs.writeFileSync(line.slice(7), Buffer.from(out.buffer, out.byteOffset, out.byteLength));
            console.log('ok');
        } else {
            throw new Error(`unknown command '${line}'`);
        }
    }
}

main().catch((e) => {
    console.error(`onnxruntime: ${e.message}`);
    process.exit(1);
});
