// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Sequence: a graph of ops run as one sequence of oneDNN chain steps. Tensor 0 is the input;
// node i reads the tensors its inputs name and writes tensor i + 1. Every tensor stays in the
// layout its producer's primitive prefers (a reorder only where two primitives disagree); what
// lies around the graph (pixels, cv::dnn blobs) is the caller's: it gives the input's layout
// and reads the tensors it wants from the plan. The cv::dnn graph layer and the image filters
// run their models through it.
#pragma once

#include <memory>
#include <vector>

#include "ops/op.hpp"

namespace aecv::ops {

class Sequence {
public:
    struct Node {
        Op* op = nullptr;         // not owned
        std::vector<int> inputs;  // tensor indices, each < this node's index + 1
        bool overwrite = false;   // may write over input 0: nothing reads that memory afterwards
    };
    struct Plan {
        std::vector<std::unique_ptr<ChainStep>> steps;  // one per node
        std::vector<Shape> shapes;                      // per tensor
        std::vector<dnnl::memory::desc> descs;          // per tensor: its layout
        std::vector<dnnl::memory> tensors;              // per tensor, once run()
    };

    explicit Sequence(std::vector<Node> nodes);

    // The steps for an input of shape `in` laid out as `src`; cv::Exception naming the op for a
    // shape it refuses.
    Plan plan(const Shape& in, const dnnl::memory::desc& src) const;
    // Runs every step on `input` (laid out as planned) without waiting for the stream; the plan's
    // tensors then hold the results. Tensor 0 is `input` itself, which no step writes.
    void run(Plan& p, dnnl::stream& s, const dnnl::memory& input) const;

private:
    std::vector<Node> nodes_;
};

}  // namespace aecv::ops
