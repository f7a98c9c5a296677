// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-train: trains an autoencoder preset with aecv's oneDNN ops and writes one aecv ONNX file.
#include <aecv/aecv.hpp>

#include <boost/program_options.hpp>

#include <atomic>
#include <csignal>
#include <iostream>

#include "cli.hpp"
#include "collective.hpp"
#include "presets.hpp"
#include "trainer.hpp"

namespace po = boost::program_options;

namespace {

using aecv::cli::UsageError;

std::atomic<bool> interrupted{false};

// This run's command line with --resume CHECKPOINT in place of any --resume it had.
std::string resumeCommand(int argc, char** argv, const std::string& checkpoint) {
    std::string command = "aecv-train";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--resume" && i + 1 < argc) {
            ++i;
            continue;
        }
        if (arg.rfind("--resume=", 0) == 0) continue;
        command += " " + (arg.find_first_of(" '\"$") == std::string::npos ? arg : "'" + arg + "'");
    }
    return command + " --resume " + checkpoint;
}

int run(int argc, char** argv) {
    aecv::train::TrainOptions o;
    int threads = 0;
    std::string presets;
    for (const std::string& p : aecv::train::presetNames()) presets += (presets.empty() ? "" : ", ") + p;
    po::options_description options("aecv-train: train an autoencoder and write it as an aecv ONNX file\n\n"
                                    "usage: aecv-train --preset NAME [options]\n\noptions");
    options.add_options()
        ("help,h", "show this help")
        ("preset", po::value(&o.preset)->default_value(o.preset), ("recipe: " + presets).c_str())
        ("data", po::value(&o.data)->default_value(""),
         "data folder (default: the preset's: /usr/share/datasets/fashion-mnist, or for image-denoise "
         "/usr/share/doc/opencv-doc/examples/data)")
        ("epochs", po::value(&o.epochs)->default_value(0), "epochs (0: the preset's)")
        ("batch", po::value(&o.batch)->default_value(0), "batch size (0: the preset's)")
        ("patch", po::value(&o.patch)->default_value(0),
         "photo presets: patch side in pixels (0: the preset's; a multiple of the model's stride)")
        ("lr", po::value(&o.lr)->default_value(0.f), "learning rate (0: the preset's)")
        ("optimizer", po::value(&o.optimizer)->default_value(""), "sgd | rmsprop | adam (default: the preset's)")
        ("seed", po::value(&o.seed)->default_value(o.seed), "seed of every random choice")
        ("threads", po::value(&threads)->default_value(0), "threads (0: all cores)")
        ("limit", po::value(&o.limit)->default_value(0), "train on the first N images only (0: all)")
        ("clean-share", po::value<double>(), "image-denoise presets: the share of patches given no noise "
         "(default 0.1; the rest is half Gaussian, half camera noise)")
        ("scene-text-share", po::value<double>(), "watermark presets: the share of patches given an opaque text or "
         "logo that belongs to the picture, to be kept (default 0.4)")
        ("scene-panels", po::value<double>(), "watermark presets: of that scene text, the share drawn on a flat "
         "panel of its own, as signs, labels and printed pages are (default 0)")
        ("precision", po::value(&o.precision)->default_value(o.precision),
         "f32 | bf16: what the convolutions train in (bf16: bfloat16 products with f32 weights and "
         "gradients; needs AVX-512 BF16; image presets about 1.6x faster on AMX; a different model "
         "from the f32 one)")
        ("tied", po::bool_switch(&o.tied), "dense presets: tie decoder weights to the encoder's (transposed)")
        ("colour-jitter", po::bool_switch(&o.colourJitter), "photo presets: vary each training patch's colours "
         "(channel order, gain and gamma; the validation patches stay as they are)")
        ("early-stop", po::value(&o.earlyStop)->default_value(0),
         "stop after N epochs without a better validation loss (0: never)")
        ("out", po::value(&o.out)->default_value(o.out), "the model file to write")
        ("checkpoint", po::value(&o.checkpoint)->default_value(""), "checkpoint file (default: OUT.ckpt)")
        ("resume", po::value(&o.resume)->default_value(""), "continue from this checkpoint")
        ("init", po::value(&o.init)->default_value(""),
         "start from this model's weights where its layers match the preset's (name, op, shape; a conv "
         "with more input channels keeps the old filters, zero for the new channels)")
        ("sample-streams", po::bool_switch(&o.sampleStreams),
         "photo presets: each sample's corruption from a stream of its own (seed, step, sample), so under "
         "mpirun every process corrupts only its rows (faster across machines; other noise than the "
         "default single stream, the same for any number of processes)")
        ("report", po::value(&o.report)->default_value(""),
         "folder for loss curves (loss.csv, loss.png) and pictures of reconstructions (VAE: samples)");
    const po::variables_map vm = aecv::cli::parseOptions(argc, argv, options);
    if (vm.count("help")) {
        std::cout << options << "\n";
        return 0;
    }
    if (vm.count("clean-share")) o.cleanShare = vm["clean-share"].as<double>();
    if (vm.count("scene-text-share")) o.sceneTextShare = vm["scene-text-share"].as<double>();
    if (vm.count("scene-panels")) o.scenePanels = vm["scene-panels"].as<double>();
    if (threads < 0) throw UsageError(cv::format("--threads is %d; expected 0 (all cores) or more", threads));
    for (int i = 0; i < argc; ++i) o.commandLine += (i ? " " : "") + std::string(i ? argv[i] : "aecv-train");
    aecv::setNumThreads(threads);
    o.interrupt = &interrupted;
    std::signal(SIGINT, [](int) { interrupted = true; });
    aecv::train::TrainResult r;
    try {
        r = aecv::train::train(o, std::cout);
    } catch (const aecv::train::Interrupted& stop) {
        if (aecv::train::Collective::world().rank() != 0) return 130;  // every rank stopped at this step: rank 0 says so
        std::cout << std::endl;  // after the live progress line
        std::cerr << stop.what() << "\n";
        if (stop.epochsKept > 0) std::cerr << "resume with: " << resumeCommand(argc, argv, stop.checkpoint) << "\n";
        return 130;
    }
    if (aecv::train::Collective::world().rank() != 0) return 0;
    std::cout << "wrote " << o.out << " (best epoch " << r.bestEpoch << ")\n";
    std::cout << cv::format("validation loss: %.4f", r.bestValidationLoss) << std::endl;
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // Under mpirun: join the other ranks before anything else (collective.hpp).
    aecv::train::Collective& world = aecv::train::Collective::world();
    const int code = aecv::cli::guardedMain("aecv-train", [&] { return run(argc, argv); });
    // An error may have met this rank alone, the others waiting for it in an all-reduce: end the
    // whole job (Ctrl-C stops every rank at the same step, so they leave together).
    if (code != 0 && code != 130 && world.size() > 1) world.abort(code);
    return code;
}
