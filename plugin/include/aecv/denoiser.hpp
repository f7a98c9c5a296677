// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <aecv/export.hpp>

#include <memory>
#include <string>

#include <opencv2/core.hpp>

/// @file
/// aecv::Denoiser and aecv::WatermarkRemover (one aecv::Filter shape): learned image filters for
/// ordinary cv::Mat images.

namespace aecv {

namespace filters {
class ImageFilter;
}

/// What every learned image filter shares (Denoiser, WatermarkRemover): a model file of one task,
/// cv::Mat images of any size and the types listed under Denoiser, tiles for large ones.
class AECV_EXPORT Filter {
public:
    virtual ~Filter();
    Filter(Filter&&) noexcept;
    Filter& operator=(Filter&&) noexcept;

    /// Loads an aecv model of this filter's task; cv::Exception for another task or a bad file,
    /// and then the filter keeps the model it had.
    void readModel(const std::string& path);
    /// Filters `src` into `dst` (src's size and type).
    void apply(cv::InputArray src, cv::OutputArray dst);
    /// Tiles are `size` x `size` pixels plus an overlap on each side (default 1024: video up to
    /// 1120 px wide runs in one piece).
    void setTileSize(int size);
    /// True only for a moved-from filter: it holds no model, and every call but readModel() and
    /// assignment is a cv::Exception saying so.
    bool empty() const;

protected:
    /// `owner`, `task`: the class and the model task ("Denoiser", "denoise"), static strings.
    Filter(const char* owner, const char* task, const std::string& path);
    /// The filter behind this object; cv::Exception naming `call` for a moved-from one.
    filters::ImageFilter& live(const char* call) const;

private:
    std::unique_ptr<filters::ImageFilter> filter_;
    const char* owner_;
    const char* task_;
};

/// Removes noise from images with an aecv denoising model (task "denoise").
///
/// The shipped model is told how strong the noise is (a noise-level map, as in FFDNet): by
/// default the level is estimated on each image (once for all its tiles) with
/// estimateNoiseLevel(), so clean pictures come back nearly unchanged and noisy ones are cleaned as
/// much as they need; setStrength() fixes it instead.
///
/// Takes CV_8UC1, CV_8UC3 (BGR), CV_8UC4 (BGRA, alpha passed through) and CV_32F images with 1, 3
/// or 4 channels in [0, 1], of any size: large images run in overlapping tiles, so memory stays
/// bounded and no seams show; sizes that are not a multiple of the model's stride are padded and
/// cropped back. The result has the type and size of the input.
/// @code
///     aecv::Denoiser denoiser("denoise.onnx");   // or aecv::Denoiser() for the shipped model
///     denoiser.apply(noisyFrame, cleanFrame);
/// @endcode
class AECV_EXPORT Denoiser : public Filter {
public:
    /// Loads the shipped default model (see defaultModelPath()).
    Denoiser();
    /// Loads `path` (same as readModel()).
    explicit Denoiser(const std::string& path);

    /// The noise to remove, as the sigma (of 255) of Gaussian noise of the same strength, from 0
    /// to 75: 0 returns the input unchanged, more smooths more. cv::Exception outside that range,
    /// or for a model without a noise-level input.
    void setStrength(double sigma);
    /// Back to the default: the level estimated on every image (estimateNoiseLevel()).
    void setAutoStrength();
    /// The strength set, or -1 while it is estimated.
    double strength() const;
    /// The level the last apply() used (estimated or set).
    double lastLevel() const;
    /// Whether the model takes a noise level (the shipped one does; older, blind ones do not).
    bool takesNoiseLevel() const;
};

/// The noise level of an image as the sigma (of 255, for 8-bit and float images alike) of white
/// Gaussian noise of the same strength: from the finest diagonal wavelet band, over the quietest
/// 10% of 16x16 blocks (texture and edges leak into the busy ones), clipped pixels left out.
/// Within a few percent on photos with white noise from sigma 5 up; noise that is correlated
/// across neighbouring pixels (demosaiced, JPEG'd) reads lower than its per-pixel sigma. A
/// constant image, or one smaller than 2x2, reads 0. CV_8U or CV_32F, 1 to 4 channels (alpha
/// ignored).
AECV_EXPORT double estimateNoiseLevel(cv::InputArray image);

/// Removes visible watermarks (text, logos) with an aecv model of task "watermark".
/// Same image types, sizes and tiling as Denoiser. A model with a mask output finds the marks and
/// restores only there: a detecting model (preset image-watermark) gives, per pixel, the
/// probability p that a mark covers it and the picture restored, and the remover returns
/// input + w (restored - input) with w the ramped p (setMaskRamp), so where it finds no mark a
/// pixel comes out exactly as it went in. If its metadata names an inpainter ("restore_with":
/// a file beside it), the detector only finds: the inpainter restores where w > 0, grown by
/// "restore_grow" pixels (default 2), and inpaint() hands the caller's mask to the inpainter.
/// With "confirm_with" as well (a remover without a mask, beside it), only the found marks that
/// remover also changes are inpainted; with "confirm_within" (a share in (0, 1]) a mark (parts
/// of the mask at most 16 px apart) is kept only if the inpainter's restoration of it is within
/// that share of its change from the remover's own restoration, else it comes out exactly as it
/// went in (and is not in the mask). The shipped unwatermark.onnx is such a detector
/// (confirm_within 0.4), with inpaint.onnx and unwatermark-nomask.onnx beside it.
/// Unblending models (preset image-watermark-unblend)
/// give the marks' alpha a and colour c instead, and the remover returns the picture under
/// them, t = (x - a c) / (1 - a). Older models without a mask repaint the whole picture and keep
/// only mark-sized changes. An inpainting model (preset image-inpaint, shipped as inpaint.onnx:
/// `WatermarkRemover(defaultModelPath("inpaint"))`) finds nothing itself: inpaint() gives it the
/// caller's mask as a 4th input channel, and apply() refuses.
/// @code
///     aecv::WatermarkRemover remover;
///     cv::Mat clean, mask;
///     remover.apply(marked, clean, mask);         // mask: where it found marks (CV_8UC1 for 8-bit)
///     remover.inpaint(marked, myMask, clean);     // restore exactly where myMask says, as cv::inpaint
/// @endcode
class AECV_EXPORT WatermarkRemover : public Filter {
public:
    WatermarkRemover();
    explicit WatermarkRemover(const std::string& path);

    using Filter::apply;
    /// The same, and the mask it found: `mask` gets src's size, CV_8UC1 (0..255) for 8-bit
    /// images or CV_32FC1 in [0, 1] for float ones, 0 where the picture was left as it was.
    /// cv::Exception for a model without a mask output (older, full-image removers).
    void apply(cv::InputArray src, cv::OutputArray dst, cv::OutputArray mask);
    /// User-mask mode, with cv::inpaint's arguments: restores only where `mask` says (CV_8UC1:
    /// 255 restore, 0 keep, values between weigh; or CV_32FC1 in [0, 1]), of src's size;
    /// elsewhere dst = src. A detecting or full-image model blends its restoration in by the
    /// caller's mask; an unblending model unblends there by the alpha it finds (the caller's mask
    /// replaces the ramp); an inpainting model is told the mask and blends its restoration in by
    /// it. A mask of another size or type is a cv::Exception naming both.
    void inpaint(cv::InputArray src, cv::InputArray mask, cv::OutputArray dst);
    /// Whether the model finds the marks (a mask output) or repaints the whole picture.
    bool hasMask() const;
    /// Whether the model is an inpainter: it restores where inpaint()'s mask says, which it is
    /// given as input, and apply() is a cv::Exception.
    bool takesMask() const;
    /// Which of the model's mask values are trusted: w = clamp((m - low) / (high - low), 0, 1),
    /// so that faint ones (m <= low, the model's noise) leave a pixel exactly as it was; a pixel
    /// is then restored by w (a detecting model: input + w (restored - input)), unblended with
    /// alpha w a (an unblending model), or, with an inpainter, inpainted where w > 0 (so `low` is
    /// the detection threshold). The mask apply() returns is what was used. Default: the model's own
    /// ramp (metadata "mask_ramp", chosen on training photos), else 0.1..0.2. setMaskRamp(0, 1)
    /// uses the raw mask. cv::Exception unless 0 <= low < high <= 1.
    void setMaskRamp(double low, double high);
    /// A detector with a second opinion (metadata "confirm_with", as the shipped model): how far
    /// apart the two restorations of a found mark may be, as a share of the inpainter's change,
    /// for the mark to be restored (of a mark refused whole, a connected part that agrees alone
    /// within 3/4 of the share still is). Lower is safer: most scene content taken for a mark (the
    /// letters of a sign, a bright spot) is restored by one model only and refused, and so are
    /// real marks the two restore differently. Default: the model's "confirm_within" (shipped:
    /// 0.4, chosen so that no training photo is made worse); higher values restore more marks and
    /// risk more (samples/models/README.md measures 0.4 to 1). Until the next readModel().
    /// cv::Exception for a model without a second opinion, or unless 0 < share <= 1.
    void setConfirmWithin(double share);
    /// A detector with an inpainter (metadata "restore_with", as the shipped model): the scale
    /// the marks are looked for at. At 0.5 the detector, a third of the work on a 640x480
    /// frame, runs at a quarter of its cost; its mask is scaled back up, and the second opinion
    /// and the inpainter still run at full size, so a mark is restored only where they agree as
    /// before (samples/models/README.md measures what it costs). Default: the model's
    /// "detect_scale", else 1. Until the next readModel(). cv::Exception for a model without an
    /// inpainter, or unless 0.25 <= scale <= 1.
    void setDetectScale(double scale);
    /// A detector with an inpainter, on the frames of a video: look for the marks on every
    /// `frames`-th call of apply() only, and on the calls between try again the marks the last look
    /// restored (a watermark stays where it is while the picture moves under it). The second opinion,
    /// the inpainter and their agreement still judge every frame, so a mark is restored only where
    /// they agree on the frame itself; a frame of another size or type, or one whose picture has
    /// moved on from the frame looked at (a cut, a pan), is looked at again at once. At 3 the
    /// shipped remover runs a 640x480 video 1.6-1.9 times as fast for the same PSNR
    /// (samples/models/README.md); a mark that appears is found up to frames - 1 frames late, and
    /// one the look refused waits for the next look. Default 1 (every call, as for unrelated pictures).
    /// Until the next readModel(). cv::Exception for a model without an inpainter, or unless
    /// 1 <= frames <= 30.
    void setDetectEvery(int frames);
};

/// Where the shipped model for `task` ("denoise", "watermark"), or the shipped model named `task`
/// ("fashion_vae", "shapes_vae"), is: $AECV_MODEL_DIR, then the installed models
/// (<prefix>/share/aecv/models), then the source tree's samples/models.
/// cv::Exception naming the places looked at when none has it.
AECV_EXPORT std::string defaultModelPath(const std::string& task);

}  // namespace aecv
