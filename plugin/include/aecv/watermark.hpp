// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>  // cv::FONT_*

/// @file
/// aecv::Watermark: draws visible watermarks (text or a simple logo), the kind aecv's watermark
/// removers are trained on, to make training data and to try a remover on clean pictures.

namespace aecv {

/// A visible watermark, alpha-blended into an image: dst = src + alpha * (colour - src), where
/// alpha is `opacity` on the mark (anti-aliased at its edges) and 0 elsewhere.
/// @code
///     aecv::Watermark mark;                       // "aecv" in white, centred on `centre`
///     mark.text = "SAMPLE";
///     mark.centre = {320, 240};
///     cv::Mat marked, alpha;
///     aecv::addWatermark(frame, marked, mark, alpha);
/// @endcode
struct Watermark {
    enum class Kind { Text, Ring, Disc, Box, Cross };

    Kind kind = Kind::Text;
    std::string text = "aecv";               ///< Text: the words
    int font = cv::FONT_HERSHEY_SIMPLEX;     ///< Text: a Hershey font, optionally | cv::FONT_ITALIC
    double scale = 1.0;                      ///< Text: font scale (1.0: letters about 22 px high)
    double angle = 0.0;                      ///< Text: rotation in degrees, counter-clockwise
    int radius = 20;                         ///< logos: half their width, in pixels
    int thickness = 2;                       ///< line thickness in pixels (Disc: filled)
    cv::Point2f centre{0.f, 0.f};            ///< where the mark's middle goes, in pixels
    double opacity = 0.5;                    ///< alpha on the mark, in (0, 1]
    cv::Scalar colour{1.0, 1.0, 1.0};        ///< BGR in [0, 1] (white)

    /// A random watermark for an image of `size`, drawn from the distribution aecv's watermark
    /// models train on: 3 in 4 are text (12 words, 8 fonts, scale 0.35..1.2, thickness 1..3,
    /// half of them rotated by up to 45 degrees), the rest logos (ring, disc, box, cross); white,
    /// black or (1 in 4) a random colour; opacity 0.25..0.75; anywhere in the image.
    static Watermark random(cv::Size size, cv::RNG& rng);

    /// The per-pixel alpha of this mark on an image of `size`: CV_32FC1, 0..opacity.
    cv::Mat alpha(cv::Size size) const;
};

/// Blends `mark` into `src` (CV_8U or CV_32F in [0, 1], 1, 3 or 4 channels; a 4th channel, alpha,
/// is left as it is; grey images get the mark's grey level). `alpha`, if given, receives the
/// mark's alpha (CV_32FC1): where it is above 0 is the mask a classical inpainting method needs.
void addWatermark(cv::InputArray src, cv::OutputArray dst, const Watermark& mark,
                  cv::OutputArray alpha = cv::noArray());

}  // namespace aecv
