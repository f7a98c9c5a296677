// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Training progress: on a terminal one live line per epoch (step, loss, images/s, ETA), updated a
// few times a second; otherwise (a log file, CI) one line per finished epoch.
#pragma once

#include <chrono>
#include <iosfwd>

namespace aecv::train {

class Progress {
public:
    Progress(std::ostream& out, int epochs, int steps);
    void step(int epoch, int step, double loss);
    void epochDone(int epoch, double trainLoss, double validationLoss, double seconds);

private:
    std::ostream& out_;
    int epochs_, steps_;
    bool live_;
    std::chrono::steady_clock::time_point epochStart_, lastDraw_;
};

}  // namespace aecv::train
