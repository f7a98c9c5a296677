// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Warm start (aecv-train --init): a new model's layers take the weights of an existing model's
// layers of the same name, op and shape. A Conv whose input grew (3 -> 4 channels: a noise-level
// map beside BGR) keeps the old filters for the old channels and zero for the new ones, so the
// network starts out computing exactly what the old one did and learns to use the new input.
#pragma once

#include <string>

#include "model/model.hpp"

namespace aecv::train {

// Copies what matches from `source` into `target`; returns one line saying what was taken and
// what kept its fresh weights. cv::Exception (StsBadArg, naming `sourceName`) when no layer matches.
std::string warmStart(model::Model& target, const model::Model& source, const std::string& sourceName);

}  // namespace aecv::train
