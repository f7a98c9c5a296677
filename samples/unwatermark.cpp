// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-unwatermark: the learned watermark remover on live video (webcam, video file or image).
//   aecv-unwatermark                          camera 0, or vtest.avi from opencv-doc when there is none
//   aecv-unwatermark --add-watermark SAMPLE   stamp a semi-transparent text mark on every frame first
//   aecv-unwatermark --input marked.png --headless --output clean.png --mask-output mask.png
//   aecv-unwatermark --input marked.png --mask where.png --output clean.png   restore only there
//                                             (with the shipped inpainter, inpaint.onnx, unless --model)
#include <aecv/denoiser.hpp>
#include <aecv/watermark.hpp>

#include <cmath>

#include <opencv2/imgcodecs.hpp>

#include "common/files.hpp"
#include "common/filter_demo.hpp"
#include "common/sample_main.hpp"

using namespace aecv::samples;

int main(int argc, char** argv) {
    SourceOptions source;
    std::string text, maskInput, maskOutput;
    double confirmWithin = 0;  // 0: the model's own
    double detectScale = 0;    // 0: the model's own
    int detectEvery = 3;  // (video: 1.6x the frame rate at 640x480 for 0.01 dB, samples/models/README.md)
    bool detectEveryGiven = false;
    aecv::Watermark mark;
    po::options_description options("aecv-unwatermark: remove visible watermarks (text, logos) from video or an "
                                    "image with aecv's learned remover\n\noptions");
    options.add_options()("help,h", "show this help");
    source.addTo(options);
    options.add_options()
        ("add-watermark", po::value(&text), "stamp this text in the middle of every frame first")
        ("opacity", po::value(&mark.opacity)->default_value(0.5), "of the added watermark, in (0, 1]")
        ("angle", po::value(&mark.angle)->default_value(20.0), "of the added watermark, in degrees")
        ("font-scale", po::value(&mark.scale)->default_value(1.2), "of the added watermark (1: letters ~22 px)")
        ("mask-output", po::value(&maskOutput), "write the mask the remover found (white: restored) here: an image, "
         "or a video (.avi) for video input")
        ("mask", po::value(&maskInput), "restore only where this grey image (the frames' size) is white, as "
         "cv::inpaint does, instead of where the remover finds marks (default model then: the shipped inpainter)")
        ("confirm-within", po::value(&confirmWithin), "restore a found mark only if the two restorations of it are at "
         "most this share (0..1] of the change apart: lower is safer, higher restores more (default: the model's, "
         "0.4 for the shipped one)")
        ("detect-scale", po::value(&detectScale), "look for the marks at this scale [0.25, 1] of the frame, then "
         "restore them at full size: 0.5 runs the detector at a quarter of its cost, for live video (default: the "
         "model's own, 1 for the shipped one)")
        ("detect-every", po::value(&detectEvery)->default_value(3), "video: look for the marks on every N-th frame "
         "(1..30) and between looks try again the marks the last look restored, each frame still restored only where "
         "the two restorations agree on it (a cut or a pan looks again at once; 1: look at every frame)");
    return sampleMain("aecv-unwatermark", argc, argv, options,
        [&](const po::variables_map& vm) {
            if (vm.count("add-watermark") && text.empty()) throw UsageError("--add-watermark needs a text");
            if (!(mark.opacity > 0 && mark.opacity <= 1))
                throw UsageError(cv::format("--opacity is %g; expected a value in (0, 1]", mark.opacity));
            if (!std::isfinite(mark.angle))
                throw UsageError(cv::format("--angle is %g; expected a finite angle in degrees", mark.angle));
            if (!(mark.scale > 0 && mark.scale <= 10))
                throw UsageError(cv::format("--font-scale is %g; expected a value in (0, 10]", mark.scale));
            if (vm.count("confirm-within") && !(confirmWithin > 0 && confirmWithin <= 1))
                throw UsageError(cv::format("--confirm-within is %g; expected a share in (0, 1]", confirmWithin));
            if (vm.count("confirm-within") && vm.count("mask"))
                throw UsageError("--confirm-within judges the marks the remover finds; with --mask it restores where "
                                 "the mask says");
            if (vm.count("detect-scale") && !(detectScale >= 0.25 && detectScale <= 1))
                throw UsageError(cv::format("--detect-scale is %g; expected a scale in [0.25, 1]", detectScale));
            if (vm.count("detect-scale") && vm.count("mask"))
                throw UsageError("--detect-scale is where the remover looks for the marks; with --mask it restores "
                                 "where the mask says");
            if (!(detectEvery >= 1 && detectEvery <= 30))
                throw UsageError(cv::format("--detect-every is %d; expected a number of frames from 1 to 30", detectEvery));
            detectEveryGiven = !vm["detect-every"].defaulted();
            if (detectEveryGiven && vm.count("mask"))
                throw UsageError("--detect-every is how often the remover looks for the marks; with --mask it restores "
                                 "where the mask says");
            source.check();
            if (!source.inputList.empty() && !maskOutput.empty())
                throw UsageError("--mask-output names one file: with --input-list no masks are written");
            if (!maskInput.empty() && !unreadableReason(maskInput).empty())
                throw UsageError("--mask '" + maskInput + "': " + unreadableReason(maskInput));
            if (!maskOutput.empty()) {
                checkOutputPath("--mask-output", maskOutput, {source.input, source.model, maskInput});
                if (!source.output.empty() && maskOutput == source.output)
                    throw UsageError("--mask-output is the same file as --output");
            }
        },
        [&] {
            // --mask without --model: the shipped inpainter, which is told the mask (inpaint.onnx)
            aecv::WatermarkRemover remover = !source.model.empty() ? aecv::WatermarkRemover(source.model)
                                             : !maskInput.empty() ? aecv::WatermarkRemover(aecv::defaultModelPath("inpaint"))
                                                                  : aecv::WatermarkRemover();
            if (remover.takesMask() && maskInput.empty())
                throw std::runtime_error("--model '" + source.model + "' is an inpainter (it restores where it is "
                                         "told): give it --mask FILE");
            if (confirmWithin > 0) remover.setConfirmWithin(confirmWithin);
            if (detectScale > 0) remover.setDetectScale(detectScale);
            cv::Mat userMask, found;
            if (!maskInput.empty()) {
                userMask = cv::imread(maskInput, cv::IMREAD_GRAYSCALE);
                if (userMask.empty()) throw std::runtime_error("cannot read --mask '" + maskInput + "': OpenCV cannot decode it");
            }
            FilterDemo demo;
            demo.name = "aecv-unwatermark";
            demo.spoiledLabel = "watermarked";
            demo.restoredLabel = "restored";
            if (maskInput.empty()) {
                try {  // each picture and video starts with a look of its own (of --input-list, each file)
                    remover.setDetectEvery(detectEvery);
                    demo.startSource = [&] { remover.setDetectEvery(detectEvery); };
                } catch (const cv::Exception&) {
                    if (detectEveryGiven) throw;  // (the default is for detectors with an inpainter, as shipped)
                }
            }
            demo.restore = [&](const cv::Mat& in, cv::Mat& out) {
                if (!userMask.empty()) remover.inpaint(in, userMask, out);
                else if (remover.hasMask()) remover.apply(in, out, found);
                else remover.apply(in, out);
            };
            if (!userMask.empty() || remover.hasMask()) {
                demo.middle = [&] {
                    const cv::Mat& m = userMask.empty() ? found : userMask;
                    cv::Mat grey;
                    m.convertTo(grey, CV_8U, m.depth() == CV_8U ? 1.0 : 255.0);
                    return grey;
                };
                demo.middleOutput = maskOutput;
            } else if (!maskOutput.empty()) {
                throw std::runtime_error("--mask-output: this model has no mask output (it repaints the whole picture)");
            }
            mark.text = text;
            mark.thickness = std::max(1, static_cast<int>(mark.scale * 2.5));
            if (!text.empty())
                demo.spoil = [&](const cv::Mat& frame, cv::RNG&) {
                    mark.center = cv::Point2f(static_cast<float>(frame.cols) / 2, static_cast<float>(frame.rows) / 2);
                    cv::Mat marked;
                    aecv::addWatermark(frame, marked, mark);
                    return marked;
                };
            return runFilterDemo(demo, source);
        });
}
