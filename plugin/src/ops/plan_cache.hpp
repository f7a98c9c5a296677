// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The plans an executor keeps, one per input geometry, most recently used first. Bounded in
// count and in input pixels together: an image's tiles come in a few sizes, but one plan of a
// big input holds hundreds of MB of tensors (a 1120x1120 tile of the shipped denoiser: ~460 MB in
// f32; the 20000x20000 soak's working set was 498 MB with one such plan kept, 961 MB with two,
// 1728 MB with four, before GraphRunner shared a plan among tiles of one size: 456 MB), so big
// inputs keep one. Used by GraphRunner, the aecv.Graph layer and OpLayer chains.
#pragma once

#include <algorithm>
#include <memory>
#include <vector>

#include "ops/tensor.hpp"

namespace aecv::ops {

// Input pixels of a shape: batch x height x width for NCHW, the batch otherwise.
inline double planPixels(const Shape& s) {
    if (s.empty()) return 0.0;
    return s.size() == 4 ? static_cast<double>(s[0]) * static_cast<double>(s[2]) * static_cast<double>(s[3])
                         : static_cast<double>(s[0]);
}

template <class Plan>
class PlanCache {
public:
    static constexpr size_t kPlans = 4;
    static constexpr double kPlanPixels = 1.5e6;

    // The kept plan `matches(plan)` accepts, now the most recent; else the one `make()` builds
    // for an input of `pixels`, after the least recent plans that would break the bounds are
    // dropped (before the new one allocates its tensors).
    template <class Matches, class Make>
    Plan& get(Matches&& matches, double pixels, Make&& make) {
        auto it = std::find_if(plans_.begin(), plans_.end(), [&](const Entry& e) { return matches(*e.plan); });
        if (it != plans_.end()) {
            std::rotate(plans_.begin(), it, it + 1);
            return *plans_.front().plan;
        }
        double kept = pixels;
        for (const Entry& e : plans_) kept += e.pixels;
        while (!plans_.empty() && (plans_.size() >= kPlans || kept > kPlanPixels)) {
            kept -= plans_.back().pixels;
            plans_.pop_back();
        }
        plans_.insert(plans_.begin(), Entry{make(), pixels});
        return *plans_.front().plan;
    }
    void clear() { plans_.clear(); }
    size_t size() const { return plans_.size(); }

private:
    struct Entry {
        std::unique_ptr<Plan> plan;
        double pixels = 0.0;
    };
    std::vector<Entry> plans_;
};

}  // namespace aecv::ops
