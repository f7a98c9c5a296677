// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "ops/add.hpp"
#include "ops/reshape.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

TEST_CASE("Add sums its inputs and passes the gradient to both") {
    Add op;
    const cv::Mat a = test::randomTensor({2, 3, 4, 5}, 61), b = test::randomTensor({2, 3, 4, 5}, 62);
    cv::Mat y;
    op.forward({a, b}, y, Phase::Training);
    CHECK(test::maxAbsDiff(y, a + b) <= 1e-7);
    const test::GradCheck g = test::checkGradients(op, {a, b}, 1e-2);
    CHECK(g.worstInput < 1e-3);
    CHECK(test::thrownMessage([&] { op.forward({a, test::randomTensor({2, 3, 4, 4}, 1)}, y, Phase::Inference); }) ==
          "Add inputs have shapes [2, 3, 4, 5] and [2, 3, 4, 4]; expected equal shapes");
    CHECK(test::thrownMessage([&] { op.forward({a}, y, Phase::Inference); }) == "Add got 1 inputs; expected 2");
}

TEST_CASE("Reshape flattens and unflattens without copying") {
    const cv::Mat x = test::randomTensor({3, 2, 4, 5}, 63);
    Reshape flatten({{-1}});
    cv::Mat flat, image;
    flatten.forward({x}, flat, Phase::Training);
    CHECK(shapeOf(flat) == Shape{3, 40});
    CHECK(flat.data == x.data);
    Reshape unflatten({{2, -1, 5}});
    unflatten.forward({flat}, image, Phase::Training);
    CHECK(shapeOf(image) == Shape{3, 2, 4, 5});
    CHECK(test::maxAbsDiff(image, x) == 0);
    std::vector<cv::Mat> dx(1);
    flatten.backward({x}, flat, test::randomTensor({3, 40}, 64), dx);
    CHECK(shapeOf(dx[0]) == Shape{3, 2, 4, 5});

    CHECK(test::thrownMessage([] { Reshape op({{-1, -1, 2}}); }) ==
          "Reshape target [-1, -1, 2] is invalid; expected [C] or [C, H, W] (batch excluded) with positive sizes and "
          "at most one -1");
    Reshape bad({{7}});
    CHECK(test::thrownMessage([&] { bad.forward({x}, flat, Phase::Inference); }) ==
          "Reshape cannot turn [3, 2, 4, 5] into batch + [7]");
}
