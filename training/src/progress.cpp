// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "progress.hpp"

#include <unistd.h>

#include <iostream>

#include <opencv2/core.hpp>

namespace aecv::train {

Progress::Progress(std::ostream& out, int epochs, int steps)
    : out_(out), epochs_(epochs), steps_(steps), live_(&out == &std::cout && ::isatty(STDOUT_FILENO)) {}

void Progress::step(int epoch, int step, double loss) {
    const auto now = std::chrono::steady_clock::now();
    if (step == 1) epochStart_ = lastDraw_ = now;
    if (!live_ || (now - lastDraw_ < std::chrono::milliseconds(250) && step != steps_)) return;
    lastDraw_ = now;
    const double elapsed = std::chrono::duration<double>(now - epochStart_).count();
    const double perStep = elapsed / step;
    out_ << cv::format("\repoch %d/%d  step %d/%d  loss %.4f  %.0f steps/s  ETA %.0fs   ", epoch + 1, epochs_, step,
                       steps_, loss, step / std::max(elapsed, 1e-9), perStep * (steps_ - step))
         << std::flush;
}

void Progress::epochDone(int epoch, double trainLoss, double validationLoss, double seconds) {
    if (live_) out_ << '\r';
    out_ << cv::format("epoch %d/%d  loss %.4f  val_loss %.4f  %.1fs", epoch + 1, epochs_, trainLoss, validationLoss,
                       seconds)
         << (live_ ? "                    \n" : "\n") << std::flush;
}

}  // namespace aecv::train
