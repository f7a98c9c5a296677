// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/bridge.hpp"

namespace aecv::ops {

Bridge Bridge::toLayout(const dnnl::memory& from, const dnnl::memory::desc& want) {
    Bridge b;
    if (from.get_desc() == want) {
        b.inner_ = from;
        return b;
    }
    b.inner_ = dnnl::memory(want, cpuEngine());
    b.src_ = from;
    b.dst_ = b.inner_;
    b.reorder_.emplace(b.src_, b.dst_);
    return b;
}

Bridge Bridge::fromLayout(const dnnl::memory::desc& have, const dnnl::memory& to) {
    Bridge b;
    if (to.get_desc() == have) {
        b.inner_ = to;
        return b;
    }
    b.inner_ = dnnl::memory(have, cpuEngine());
    b.src_ = b.inner_;
    b.dst_ = to;
    b.reorder_.emplace(b.src_, b.dst_);
    return b;
}

void Bridge::run(dnnl::stream& s) {
    if (reorder_) reorder_->execute(s, src_, dst_);
}

}  // namespace aecv::ops
