// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Test support: random tensors, diffs, exception messages and the finite-difference checker.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "ops/activation.hpp"
#include "ops/op.hpp"

namespace aecv::test {

using ops::Shape;

// Uniform random values in [lo, hi), reproducible from `seed`.
cv::Mat randomTensor(const Shape& s, uint64_t seed, float lo = -1.f, float hi = 1.f);
// Like randomTensor, but every |value| >= gap: keeps inputs away from activation kinks.
cv::Mat randomAwayFromZero(const Shape& s, uint64_t seed, float gap = 0.1f);
// Fills every parameter of `op` with uniform values in [-scale, scale).
void randomizeParams(ops::Op& op, uint64_t seed, float scale = 0.5f);

// ReLU, LeakyReLU and SELU have a kink at 0 where finite differences break down.
bool hasKink(const ops::Activation& a);

double maxAbsDiff(const cv::Mat& a, const cv::Mat& b);

// The err text of the cv::Exception `fn` throws; "" when it throws nothing.
std::string thrownMessage(const std::function<void()>& fn);

// Runs a shell command; its stdout and stderr together, and its exit status.
struct CommandResult {
    std::string out;
    int status = -1;
};
CommandResult runCommand(const std::string& command);

// A tmpfs of `kilobytes` at `dir`, unmounted again at scope end; mounted() is false where this
// process may not mount (not root, or a container without CAP_SYS_ADMIN).
struct SmallDisk {
    SmallDisk(const std::string& dir, int kilobytes) : dir_(dir) {
        std::filesystem::create_directories(dir);
        mounted_ = runCommand(cv::format("mount -t tmpfs -o size=%dk tmpfs '%s'", kilobytes, dir.c_str())).status == 0;
    }
    ~SmallDisk() {
        if (mounted_) runCommand("umount '" + dir_ + "'");
    }
    bool mounted() const { return mounted_; }

private:
    std::string dir_;
    bool mounted_ = false;
};

// The temporary files an atomic write of `path` leaves beside it (`path`.tmp-XXXXXX), largest first.
std::vector<std::string> temporariesOf(const std::string& path);

struct GradCheck {
    double worstInput = 0;  // max relative error over the checked input elements
    double worstParam = 0;  // ... over the checked parameter elements
    int checked = 0;
};

// Compares op.backward with central differences of L = sum(forward(x) * R), R random, for up to
// `samples` elements of every input and parameter. `reset` runs before every forward (reset
// the op's random generator there so every forward draws the same noise).
// Relative error = |analytic - numeric| / max(1, |numeric|).
GradCheck checkGradients(ops::Op& op, std::vector<cv::Mat> inputs, double step = 1e-2, int samples = 40,
                         const std::function<void()>& reset = {});

}  // namespace aecv::test
