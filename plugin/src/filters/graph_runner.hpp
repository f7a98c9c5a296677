// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// GraphRunner: an image-to-image aecv model run as one oneDNN sequence. The BGR pixels (8-bit or
// float, any row step: a tile is a view) go straight into the first layer's layout, scaled to
// [0, 1]; every node runs on tensors in the layouts its primitives prefer, skip connections
// included (an Add is a binary primitive on blocked tensors, in place where it may be); the
// requested part of the last tensor goes straight back to pixels (8-bit: rounded and saturated;
// float: clipped to [0, 1]). The graph itself runs through model::Runnable's ops::Sequence, as
// in aecv::readNet's cv::dnn layer; this class adds the pixels around it. No NCHW blob at any
// step in between.
#pragma once

#include <memory>
#include <vector>

#include "model/graph.hpp"
#include "ops/bridge.hpp"
#include "ops/op.hpp"
#include "ops/plan_cache.hpp"

namespace aecv::filters {

class GraphRunner {
public:
    // True when every node can run here: chainable single-input ops and Add.
    static bool supports(const model::Model& m);
    // `m`: a model supports() accepts, with 3 input channels, or 4: the image and a noise-level
    // map (one value for the whole input) or a plane of its own per pixel (an inpainter's mask),
    // or more: the image and planes per pixel (an inpainter's mask and a classical fill).
    // Its first output is the image (3 channels); any further ones (the watermark remover's mask)
    // come out of runOutputs().
    explicit GraphRunner(const model::Model& m);
    ~GraphRunner();

    // Filters `bgr` (CV_8UC3 or CV_32FC3; rows and columns multiples of the model's stride) and
    // writes the result's region `part` (in bgr's coordinates) to `out` (same type, part's size).
    // `level`: the noise-level map's value (a 4-channel model; ignored otherwise).
    void run(const cv::Mat& bgr, const cv::Rect& part, cv::Mat& out, float level = 0.f);
    // The same, but every output's region `part` as it is, in float: outs[i] becomes
    // CV_32FC(channels of output i) of part's size, interleaved (the image: BGR, not clipped).
    // `plane` (CV_32FC(input channels - 3) of bgr's size), if given, is input channels 3.. instead
    // of `level` everywhere.
    void runOutputs(const cv::Mat& bgr, const cv::Rect& part, std::vector<cv::Mat>& outs, float level = 0.f,
                    const cv::Mat& plane = cv::Mat());
    // Input geometries planned and kept (tiles of one size share one, wherever their core lies).
    size_t plansKept() const { return plans_.size(); }

private:
    struct Plan;
    struct Exit;
    // The plan for this input geometry (kept ones bounded: ops::PlanCache): the graph's steps
    // and tensors, the heavy part, shared by every tile of that size wherever its core lies.
    Plan& plan(const cv::Mat& bgr);
    std::unique_ptr<Plan> prepare(const cv::Mat& bgr);
    // How a run leaves plan `p`: the region `part` of the result to the pixels of `out`, or
    // (`out` empty, runOutputs()) of every output to float Mats. Cheap; a plan keeps a few.
    Exit& exit(Plan& p, const cv::Rect& part, const cv::Mat& out);
    void execute(Plan& p, const cv::Mat& bgr, float level, const cv::Mat& plane = cv::Mat());  // the graph

    int channels_ = 3;       // of the input: 3, or 4 with the noise-level map or a mask, or more planes
    model::Runnable graph_;  // the ops (weights bound to the model's) and their Sequence
    ops::PlanCache<Plan> plans_;
};

}  // namespace aecv::filters
