// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// What a model costs: parameters and floating-point operations per forward pass.
#pragma once

#include <cstdint>

#include "model/model.hpp"

namespace aecv::model {

struct NodeCost {
    std::string name, op;
    ops::Shape output;
    int64_t params = 0;
    double flops = 0;  // multiply and add counted separately (2 per MAC)
};

// Per node, in order, for an input of shape `input`.
std::vector<NodeCost> costs(const Model& m, const ops::Shape& input);

}  // namespace aecv::model
