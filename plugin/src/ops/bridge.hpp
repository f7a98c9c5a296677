// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Reorders: makeReorder(), the one helper every op and executor builds its reorders with, and
// Bridge, which moves a tensor between the layout one side has and the layout the other wants,
// with a cached reorder, and no copy at all when the two layouts already agree.
#pragma once

#include <optional>

#include "ops/dnnl_context.hpp"

namespace aecv::ops {

// A reorder from `from` to `to` (layout, data type, strides), multiplying by `scale` on the way.
dnnl::reorder makeReorder(const dnnl::memory::desc& from, const dnnl::memory::desc& to, float scale = 1.f);

class Bridge {
public:
    Bridge() = default;
    // Reading side: `from` holds the data; a primitive wants it as `want`. Read via memory().
    static Bridge toLayout(const dnnl::memory& from, const dnnl::memory::desc& want);
    // Writing side: a primitive writes `have` into memory(); run() then stores it in `to`.
    static Bridge fromLayout(const dnnl::memory::desc& have, const dnnl::memory& to);

    // Executes the reorder when layouts differ (reading side: before use; writing side: after).
    void run(dnnl::stream& s);
    // The memory the primitive uses.
    const dnnl::memory& memory() const { return inner_; }
    bool copies() const { return reorder_.has_value(); }

private:
    dnnl::memory src_, dst_, inner_;
    std::optional<dnnl::reorder> reorder_;
};

}  // namespace aecv::ops
