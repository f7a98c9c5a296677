// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// ImageFilter: what Denoiser and WatermarkRemover share: an aecv image-to-image model run on
// ordinary images (types, alpha, padding to the model's stride, overlapping tiles).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "filters/graph_runner.hpp"

namespace aecv::filters {

// Inpainters over a classical fill (metadata "fill" = "ns"): cv::inpaint, Navier-Stokes, this radius.
constexpr int kFillRadius = 3;

// What cv::inpaint(bgr, mask, filled, kFillRadius, INPAINT_NS) gives, bit for bit, computed part by
// part: a pixel's fill reads only pixels within the radius of it, so the parts of the mask more
// than 2 (radius + 1) pixels apart are filled each in its own crop, in parallel (cv::inpaint runs
// on one core; on a video frame's boxes it took longer than the inpainter's network). `bgr`
// CV_8UC3, `mask` CV_8UC1 (non-zero: fill) of its size.
void fillNavierStokes(const cv::Mat& bgr, const cv::Mat& mask, cv::Mat& filled);

class ImageFilter {
public:
    // `owner` ("Denoiser") starts error messages; `task` is the model task it accepts.
    ImageFilter(std::string owner, std::string task) : owner_(std::move(owner)), task_(std::move(task)) {}

    void readModel(const std::string& path);
    // `mask`: where a masked model found marks (src's size, CV_8UC1 for 8-bit images, else
    // CV_32FC1); `userMask`: compose with this mask instead (CV_8UC1 / 255 or CV_32FC1).
    // A detecting model with metadata "restore_with" (an inpainting model's file, beside this
    // one) only finds the marks: where its ramped mask is above 0, grown by "restore_grow" pixels
    // (default 2), that inpainter restores, and nothing else changes; a caller's mask goes to the
    // inpainter directly. With metadata "confirm_with" as well (a remover without a mask, beside
    // this one), only the marks it confirms are restored: where its mark-sized changes fall inside
    // the grown mask, grown again. With metadata "confirm_within" (a share in (0, 1]) a mark (the
    // parts of that mask at most 2 kMarkGap pixels apart) is restored only if the two
    // restorations agree on it: the confirmer's differs from the inpainter's by at most that share
    // of the inpainter's change (summed over the mark; real marks are taken out by both, scene
    // text by one); of a mark refused whole, the parts (connected pixels) that agree alone within
    // kPartShare of that share are restored. The two models' false alarms seldom coincide, and a frame in
    // which the detector finds nothing costs the detector alone. Both run on the boxes around the
    // found marks (with overlap_ pixels of context), not on the whole image.
    void apply(cv::InputArray src, cv::OutputArray dst, cv::OutputArray mask = cv::noArray(),
               cv::InputArray userMask = cv::noArray());
    void setTileSize(int size);
    // Models with a mask output (metadata "mask"). With metadata "compose" = "blend" the main
    // output is the restored picture and the mask the probability of a mark: the result is
    // input + ramp(mask) (restored - input). Without it (the unblending models) the main output is
    // the marks' colour and the mask their alpha: the input unblended where the ramped alpha says.
    // The ramp is the model's "mask_ramp" ("low,high") unless set here.
    bool hasMask() const { return mask_; }
    void setMaskRamp(double low, double high);
    // A detector with a confirmer: how far the two restorations of a mark may be apart, as a
    // share in (0, 1] of the inpainter's change (the model's "confirm_within" unless set here).
    void setConfirmWithin(double share);
    // A detector with an inpainter: the scale in [kMinDetectScale, 1] the marks are looked for at
    // (the model's "detect_scale", else 1, unless set here); its mask is scaled back up and the
    // confirmer and the inpainter run at full size.
    void setDetectScale(double scale);
    static constexpr double kMinDetectScale = 0.25;
    // A detector with an inpainter, on the frames of a video: the marks are looked for on every
    // `frames`-th call only (1..kMaxDetectEvery; 1, the default, on every call); the calls between
    // try again the finds the last look restored (not those it refused), unless the frame's size
    // or type changed or its picture moved on (a thumbnail more than kSceneChange from the one the
    // finds were made on, in mean absolute difference of [0, 1] values: a cut or a pan), which
    // looks again at once. The confirmer,
    // the inpainter and the agreement test run on every frame, so a mark is restored only where
    // they agree on the frame itself.
    void setDetectEvery(int frames);
    static constexpr int kMaxDetectEvery = 30;
    static constexpr double kSceneChange = 8.0 / 255;

    // Models with a noise-level input (4 input channels: BGR and a map of sigma / 255).
    bool takesNoiseLevel() const { return channels_ == 4 && !maskInput_; }
    // Inpainting models (metadata "mask_input"; 4 input channels: BGR and where to restore): they
    // run only with a caller's mask, which they are given as their 4th channel; with metadata
    // "fill" = "ns", also cv::inpaint's Navier-Stokes fill over that mask (channels 4..6: 7 in all).
    bool takesMask() const { return maskInput_; }
    // sigma (of 255) in [0, kMaxStrength]; by default estimated on every image.
    void setStrength(double sigma);
    void setAutoStrength() { strength_ = -1.0; }
    double strength() const { return strength_; }
    double lastLevel() const { return lastLevel_; }
    static constexpr double kMaxStrength = 75.0;
    static constexpr double kDefaultRampLow = 0.1, kDefaultRampHigh = 0.2;

private:
    // apply() with this model alone (a detecting model: composed with its own restoration).
    // Where a detector with restore_with found marks (`where`, CV_8UC1): the boxes the confirmer
    // and the inpainter run on.
    std::vector<cv::Rect> markBoxes(const cv::Mat& where) const;
    // Clears from `where` (a box's marks) the marks on which the confirmer's restoration
    // (`confirmed`) and the inpainter's (`restored`) disagree, as confirm_within asks.
    void keepAgreed(const cv::Mat& src, const cv::Mat& confirmed, const cv::Mat& restored, cv::Mat& where) const;
    // The detector's ramped mask of `src` at detectScale_, or, as setDetectEvery() allows, the
    // last one found.
    void findMarks(const cv::Mat& src, cv::Mat& found);
    static constexpr int kMarkGap = 8;  // parts of the mask at most twice this apart are one mark (a word)
    static constexpr double kPartShare = 0.75;  // a part of a refused mark agrees alone within this much of the share
    // This model alone on `src`. A model with a mask output may be asked for the mask only (dst
    // cv::noArray(): no composing, as a detector's restoration is not used).
    void applyModel(const cv::Mat& src, cv::OutputArray dst, cv::OutputArray mask, const cv::Mat& userMask);
    // Filters src(context) and writes the part inside `core` to dst(core) (if dst is not empty),
    // in src's type (and, if not empty, the mask used to maskOut(core)).
    void filterRegion(const cv::Mat& src, const cv::Rect& core, const cv::Rect& context, cv::Mat& dst,
                      const cv::Mat& userMask, cv::Mat& maskOut);
    // input + mask (restored - input) for the core: the restoration and the mask from the model,
    // or the mask from the caller.
    void composeRegion(const cv::Mat& bgr, const cv::Mat& src, const cv::Rect& core, const cv::Rect& context,
                       cv::Mat& dst, const cv::Mat& userMask, cv::Mat& maskOut);
    // Float planes [0, 1] of the core (B, G, R) written to dst(core) in src's type and channels.
    static void writePlanes(std::vector<cv::Mat>& planes, const cv::Mat& src, const cv::Rect& core, cv::Mat& dst);
    // Runs the model on `bgr` (the context as BGR, padded to the stride here) and writes dst(core).
    void runRegion(const cv::Mat& bgr, const cv::Mat& src, const cv::Rect& core, const cv::Rect& context,
                   cv::Mat& dst, double level);

    std::string owner_, task_;
    std::unique_ptr<GraphRunner> runner_;  // the model as one oneDNN sequence
    std::unique_ptr<ImageFilter> restorer_;  // metadata restore_with: restores where this model finds marks
    int restoreGrow_ = 2;                    // ... in its mask grown by this many pixels
    std::unique_ptr<ImageFilter> confirmer_; // metadata confirm_with: a second opinion on the marks
    static constexpr double kAlwaysConfirmed = 2.0;  // (no confirm_within: no agreement asked)
    double confirmWithin_ = kAlwaysConfirmed;      // metadata confirm_within
    double detectScale_ = 1.0;                     // metadata detect_scale
    int detectEvery_ = 1;                          // setDetectEvery()
    int framesSinceFound_ = 0;                     // ... calls since lastFound_ was found
    cv::Mat lastFound_, lastThumb_;                // ... the finds and the thumbnail of that frame
    bool restoring_ = false;                 // this filter is another's restorer
    cv::Mat restored_;                     // reused between calls
    int multiple_ = 8;
    int channels_ = 3;          // the model's input channels
    bool mask_ = false;         // the model has a mask output
    bool unblend_ = false;      // ... and it is the marks' alpha (the main output their colour)
    bool maskInput_ = false;    // input channel 3 is the caller's mask (an inpainter)
    bool fill_ = false;         // ... and channels 4..6 cv::inpaint's fill there (metadata fill = ns)
    cv::Mat fillImage_;         // that fill for the image being filtered, CV_32FC3 in [0, 1]
    cv::Mat plane_;             // that channel (and the fill's) for one tile, reused
    cv::Mat maskPlane_;         // with a fill: the mask alone, before it joins the fill in plane_
    double rampLow_ = kDefaultRampLow, rampHigh_ = kDefaultRampHigh;  // mask weight: clamp((m - low) / (high - low), 0, 1)
    std::vector<cv::Mat> outs_; // GraphRunner::runOutputs results, reused
    double strength_ = -1.0;    // < 0: estimated
    double lastLevel_ = 0.0;    // used on the last image
    double level_ = 0.0;        // for the image being filtered
    int tile_ = 1024;
    int overlap_ = 48;
    static constexpr int kBoxStep = 64;  // markBoxes' sides: multiples of this (or the image's)
};

}  // namespace aecv::filters
