// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/sequence.hpp"

namespace aecv::ops {

Sequence::Sequence(std::vector<Node> nodes) : nodes_(std::move(nodes)) {
    for (size_t i = 0; i < nodes_.size(); ++i) {
        const Node& n = nodes_[i];
        CV_Assert(n.op && !n.inputs.empty() && static_cast<int>(n.inputs.size()) == n.op->inputCount());
        for (const int t : n.inputs) CV_Assert(t >= 0 && static_cast<size_t>(t) <= i);
        CV_Assert(n.inputs[0] != 0 || !n.overwrite);  // the input is the caller's
    }
}

Sequence::Plan Sequence::plan(const Shape& in, const dnnl::memory::desc& src) const {
    Plan p;
    p.shapes = {in};
    p.descs = {src};
    std::vector<Shape> shapes;
    std::vector<dnnl::memory::desc> descs;
    for (const Node& n : nodes_) {
        shapes.clear();
        descs.clear();
        for (const int t : n.inputs) {
            shapes.push_back(p.shapes[static_cast<size_t>(t)]);
            descs.push_back(p.descs[static_cast<size_t>(t)]);
        }
        const Shape out = n.op->outputShape(shapes);  // validates
        p.steps.push_back(n.op->chainPrepare(shapes, descs, n.overwrite));
        p.descs.push_back(p.steps.back()->output());
        p.shapes.push_back(out);
    }
    p.tensors.resize(p.shapes.size());
    return p;
}

void Sequence::run(Plan& p, dnnl::stream& s, const dnnl::memory& input) const {
    p.tensors[0] = input;
    for (size_t i = 0; i < nodes_.size(); ++i) {
        const std::vector<int>& in = nodes_[i].inputs;
        const dnnl::memory& a = p.tensors[static_cast<size_t>(in[0])];
        const dnnl::memory b = in.size() > 1 ? p.tensors[static_cast<size_t>(in[1])] : dnnl::memory();
        p.tensors[i + 1] = p.steps[i]->run(s, a, b);
    }
}

}  // namespace aecv::ops
