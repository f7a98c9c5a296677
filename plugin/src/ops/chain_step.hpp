// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// ChainStep: one primitive that reads DNNL_ARG_SRC and writes DNNL_ARG_DST, as a step of a
// oneDNN chain: input in the layout the previous step left it, output in memory it owns.
#pragma once

#include <unordered_map>

#include "ops/dnnl_context.hpp"

namespace aecv::ops {

class ChainStep {
public:
    // True when prepared for this input shape and layout.
    bool preparedFor(const Shape& in, const dnnl::memory::desc& src) const {
        return ready_ && in == in_ && src == srcDesc_;
    }
    // Takes the primitive of `pd` (built for src layout `src`); allocates its output.
    void prepare(const dnnl::primitive_desc& pd, const Shape& in, const dnnl::memory::desc& src);
    dnnl::memory::desc outputDesc() const { return dst_.get_desc(); }
    dnnl::memory run(dnnl::stream& s, const dnnl::memory& input);

private:
    bool ready_ = false;
    Shape in_;
    dnnl::memory::desc srcDesc_;
    dnnl::primitive primitive_;
    dnnl::memory src_, dst_;
    std::unordered_map<int, dnnl::memory> args_;
};

}  // namespace aecv::ops
