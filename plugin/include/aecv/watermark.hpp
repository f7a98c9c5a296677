// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <aecv/export.hpp>

#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>  // cv::FONT_*

/// @file
/// aecv::Watermark: draws visible watermarks (text in real fonts, symbols, simple logos; plain,
/// outlined, shadowed or embossed; single or tiled), the kind aecv's watermark removers are
/// trained on, to make training data and to try a remover on clean pictures.

namespace aecv {

/// A visible watermark, alpha-blended into an image in one or more layers, each
/// dst = src + alpha * (colour - src): the mark itself at `opacity` (anti-aliased at its edges),
/// plus a dark shadow or light and dark bevel edges for those styles.
/// @code
///     aecv::Watermark mark;                       // "aecv" in white, centred on `center`
///     mark.text = "SAMPLE";
///     mark.fontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
///     mark.center = {320, 240};
///     cv::Mat marked, alpha;
///     aecv::addWatermark(frame, marked, mark, alpha);
/// @endcode
struct AECV_EXPORT Watermark {
    enum class Kind { Text, Ring, Disc, Box, Cross };
    /// Plain: the shape; Outline: only a line around it (hollow letters); Shadow: the shape over a
    /// soft dark copy offset down-right; Emboss: a faint shape with light top-left and dark
    /// bottom-right edges.
    enum class Style { Plain, Outline, Shadow, Emboss };
    /// Which fonts and words random() draws from: those aecv's models train on, or the ones kept
    /// out of training to evaluate them on marks they never saw.
    enum class Set { Training, HeldOut };

    Kind kind = Kind::Text;
    std::string text = "aecv";               ///< Text: the words (UTF-8; a Hershey font draws ASCII only)
    int font = cv::FONT_HERSHEY_SIMPLEX;     ///< Text: a Hershey font, optionally | cv::FONT_ITALIC
    std::string fontFile;                    ///< Text: a TrueType / OpenType font drawn through OpenCV's
                                             ///< freetype module (any script it covers); empty: `font`
    double scale = 1.0;                      ///< Text: size (1.0: letters about 22 px high)
    double angle = 0.0;                      ///< Text: rotation in degrees, counter-clockwise
    int radius = 20;                         ///< logos: half their width, in pixels
    int thickness = 2;                       ///< line thickness in pixels (Disc and font-file text: filled;
                                             ///< Outline: the outline's width)
    cv::Point2f center{0.f, 0.f};            ///< where the mark's middle goes, in pixels
    double opacity = 0.5;                    ///< alpha on the mark, in (0, 1]
    cv::Scalar color{1.0, 1.0, 1.0};         ///< BGR in [0, 1] (white)
    Style style = Style::Plain;
    bool tiled = false;                      ///< repeated over the whole image on a grid turned by
                                             ///< `angle`, as stock-photo sites do (`center` ignored)
    double spacing = 1.6;                    ///< tiled: grid pitch in units of the mark's size

    /// A random watermark for an image of `size`, drawn from the distribution aecv's watermark
    /// models train on (Set::Training) or from held-out fonts and words (Set::HeldOut): text
    /// (half of all marks; a quarter of those small corner credits, a quarter as wide as the
    /// image, some rotated up to 45 degrees), tiled text (15%), a symbol from a font (15%) or a
    /// simple logo (20%); plain (55%), outlined, shadowed or embossed (15% each); white, black or
    /// (1 in 4) a random colour; opacity 0.15..0.8. Fonts: those of fontFiles(set) that are
    /// installed, and for training also OpenCV's Hershey fonts.
    static Watermark random(cv::Size size, cv::RNG& rng, Set set = Set::Training);

    /// The installed font files of a set (Debian: Training = fonts-dejavu, fonts-liberation2,
    /// fonts-lato, fonts-wqy-microhei; HeldOut = fonts-freefont-ttf, fonts-open-sans,
    /// fonts-cantarell, fonts-urw-base35), looked for under /usr/share/fonts; may be empty.
    static const std::vector<std::string>& fontFiles(Set set);

    /// The per-pixel alpha of this mark on an image of `size`: CV_32FC1 in [0, 1], the share of
    /// each pixel that is the mark's (all its layers together); 0 where the image is untouched.
    cv::Mat alpha(cv::Size size) const;
};

/// Blends `mark` into `src` (CV_8U or CV_32F in [0, 1], 1, 3 or 4 channels; a 4th channel, alpha,
/// is left as it is; grey images get the mark's grey level). `alpha`, if given, receives the
/// mark's alpha (CV_32FC1): where it is above 0 is the mask a classical inpainting method needs.
AECV_EXPORT void addWatermark(cv::InputArray src, cv::OutputArray dst, const Watermark& mark,
                  cv::OutputArray alpha = cv::noArray());

}  // namespace aecv
