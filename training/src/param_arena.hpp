// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// ParamArena: every trainable parameter of a model in one contiguous block of values and one of
// gradients (same layout), so an optimizer step is one pass over flat arrays. Each Param's
// value/grad becomes a view into the arena. Entries are keyed by name ("enc1.weight").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ops/op.hpp"

namespace aecv::train {

class ParamArena {
public:
    struct Entry {
        std::string name;
        size_t offset, count;
        ops::Param* param;
    };

    // Takes the parameters of each named op (in order), copying their current values in; the
    // parameters named in `excluded` ("dec1.weight": tied to another) stay outside.
    explicit ParamArena(const std::vector<std::pair<std::string, ops::Op*>>& ops,
                        const std::vector<std::string>& excluded = {});
    ParamArena(const ParamArena&) = delete;
    ParamArena& operator=(const ParamArena&) = delete;

    size_t size() const { return values_.size(); }
    float* values() { return values_.data(); }
    float* grads() { return grads_.data(); }
    void zeroGrads();
    const std::vector<Entry>& entries() const { return entries_; }
    const Entry& entry(const std::string& name) const;  // cv::Exception for an unknown name

private:
    std::vector<float> values_, grads_;
    std::vector<Entry> entries_;
};

}  // namespace aecv::train
