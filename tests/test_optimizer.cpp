// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "ops/dense.hpp"
#include "optimizer.hpp"
#include "param_arena.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::train;
using doctest::Approx;

namespace {

// Runs the given gradients through an optimizer on one weight starting at 1.
std::vector<float> trajectory(const OptimizerConfig& cfg, std::initializer_list<float> grads) {
    Optimizer opt(cfg, 1);
    float w = 1.f;
    std::vector<float> ws;
    for (float g : grads) {
        opt.step(&w, &g);
        ws.push_back(w);
    }
    return ws;
}

}  // namespace

TEST_CASE("SGD, with and without momentum") {
    OptimizerConfig cfg{OptimizerKind::SGD, 0.1f};
    CHECK(trajectory(cfg, {0.5f})[0] == Approx(0.95));
    cfg.momentum = 0.9f;
    const std::vector<float> ws = trajectory(cfg, {0.5f, 0.5f});
    CHECK(ws[0] == Approx(0.95));
    CHECK(ws[1] == Approx(0.855));
}

TEST_CASE("RMSProp step by hand") {
    OptimizerConfig cfg{OptimizerKind::RMSProp, 0.01f};
    CHECK(trajectory(cfg, {0.5f})[0] == Approx(0.9683772433983036));
}

TEST_CASE("Adam: bias-corrected steps by hand") {
    OptimizerConfig cfg{OptimizerKind::Adam, 0.1f};
    const std::vector<float> ws = trajectory(cfg, {0.5f, -1.f});
    CHECK(ws[0] == Approx(0.900000019999996));
    CHECK(ws[1] == Approx(0.9366103680733917));
}

TEST_CASE("Optimizer rejects bad hyper-parameters by name") {
    CHECK(test::thrownMessage([] { Optimizer(OptimizerConfig{OptimizerKind::SGD, -1.f}, 4); }) ==
          "learning rate is -1; expected a finite value > 0");
    CHECK(test::thrownMessage([] {
              OptimizerConfig c{OptimizerKind::SGD, 0.1f};
              c.momentum = 1.5f;
              Optimizer(c, 4);
          }) == "optimizer momentum is 1.5; expected 0 <= momentum < 1");
    CHECK(test::thrownMessage([] { OptimizerConfig::kindFromName("lbfgs"); }) ==
          "unknown optimizer 'lbfgs'; expected sgd, rmsprop or adam");
}

TEST_CASE("ParamArena lays parameters out by name and the ops compute with the arena's values") {
    ops::DenseConfig cfg;
    cfg.inFeatures = 3;
    cfg.outFeatures = 2;
    ops::Dense a(cfg), b(cfg);
    test::randomizeParams(a, 91);
    const cv::Mat before = a.weight().value.clone();
    ParamArena arena({{"enc", &a}, {"dec", &b}});
    REQUIRE(arena.size() == 2 * (6 + 2));
    CHECK(arena.entry("dec.bias").offset == 14);
    CHECK(arena.entry("enc.weight").count == 6);
    CHECK(test::maxAbsDiff(a.weight().value, before) == 0);
    CHECK(a.weight().value.ptr<float>() == arena.values());
    CHECK(test::thrownMessage([&] { arena.entry("mid.weight"); }) == "no parameter named 'mid.weight'");
    CHECK(test::thrownMessage([&] { ParamArena twice({{"x", &a}, {"x", &b}}); }) ==
          "parameter 'x.weight' appears twice; op names must be unique");

    // Changing the arena changes what the op computes (weights bound by view, not copied).
    const cv::Mat x = test::randomTensor({1, 3}, 92);
    cv::Mat y1, y2;
    a.forward({x}, y1, ops::Phase::Training);
    for (size_t i = 0; i < 8; ++i) arena.values()[i] *= 2;
    a.forward({x}, y2, ops::Phase::Training);
    CHECK(test::maxAbsDiff(y2, 2 * y1) <= 1e-6);
}
