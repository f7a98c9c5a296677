// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// ChainStep: one op prepared for one input geometry and layout, as a step of a oneDNN chain
// (Op::chainPrepare() makes it; the executor that asked owns it). PrimitiveStep: the common case,
// one primitive reading DNNL_ARG_SRC and writing DNNL_ARG_DST into memory the step owns.
#pragma once

#include <unordered_map>

#include "ops/dnnl_context.hpp"

namespace aecv::ops {

class ChainStep {
public:
    ChainStep() = default;
    ChainStep(const ChainStep&) = delete;
    ChainStep& operator=(const ChainStep&) = delete;
    virtual ~ChainStep() = default;

    // The layout the step leaves its output in.
    virtual dnnl::memory::desc output() const = 0;
    // Runs on the inputs, laid out as prepared (`b`: the second input of a two-input op, else
    // unused). Returns the output: memory the step owns, or input 0 itself (or a view of it)
    // for a step that works in place.
    virtual dnnl::memory run(dnnl::stream& s, const dnnl::memory& a, const dnnl::memory& b) = 0;
    dnnl::memory run(dnnl::stream& s, const dnnl::memory& a) { return run(s, a, dnnl::memory()); }
};

class PrimitiveStep final : public ChainStep {
public:
    // The primitive of `pd`, for input laid out as `src`; allocates its output.
    PrimitiveStep(const dnnl::primitive_desc& pd, const dnnl::memory::desc& src);
    dnnl::memory::desc output() const override { return dst_.get_desc(); }
    dnnl::memory run(dnnl::stream& s, const dnnl::memory& a, const dnnl::memory& b) override;

private:
    dnnl::primitive primitive_;
    dnnl::memory src_, dst_;
    std::unordered_map<int, dnnl::memory> args_;
};

}  // namespace aecv::ops
