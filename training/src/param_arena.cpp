// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "param_arena.hpp"

#include <algorithm>

namespace aecv::train {

ParamArena::ParamArena(const std::vector<std::pair<std::string, ops::Op*>>& ops,
                       const std::vector<std::string>& excluded) {
    size_t total = 0;
    for (const auto& [opName, op] : ops)
        for (ops::Param* p : op->params()) {
            const std::string name = opName + "." + p->name;
            if (std::find(excluded.begin(), excluded.end(), name) != excluded.end()) continue;
            if (std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.name == name; }))
                CV_Error(cv::Error::StsBadArg, cv::format("parameter '%s' appears twice; op names must be unique",
                         name.c_str()));
            entries_.push_back({name, total, p->value.total(), p});
            total += p->value.total();
        }
    values_.assign(total, 0.f);
    grads_.assign(total, 0.f);
    for (Entry& e : entries_) {
        ops::Param& p = *e.param;
        const cv::Mat value(p.value.dims, p.value.size.p, CV_32F, values_.data() + e.offset);
        p.value.copyTo(value);
        p.value = value;
        p.grad = cv::Mat(p.value.dims, p.value.size.p, CV_32F, grads_.data() + e.offset);
    }
    for (const auto& [opName, op] : ops) op->weightsChanged();
}

void ParamArena::zeroGrads() { std::fill(grads_.begin(), grads_.end(), 0.f); }

const ParamArena::Entry& ParamArena::entry(const std::string& name) const {
    for (const Entry& e : entries_)
        if (e.name == name) return e;
    CV_Error(cv::Error::StsObjectNotFound, cv::format("no parameter named '%s'", name.c_str()));
}

}  // namespace aecv::train
