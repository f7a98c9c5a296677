// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The built-in "shapes" dataset: 28x28 images of one filled circle, square or triangle each,
// drawn with OpenCV, centred and upright, at random size. Needs no files.
#pragma once

#include <cstdint>

#include "dataset.hpp"

namespace aecv::train {

enum class ShapeKind { Circle = 0, Rectangle = 1, Triangle = 2 };

// `n` images [n, 1, 28, 28] in [0, 1], labels 0 circle, 1 rectangle, 2 triangle; same seed, same set.
Dataset makeShapes(int n, uint64_t seed);

}  // namespace aecv::train
