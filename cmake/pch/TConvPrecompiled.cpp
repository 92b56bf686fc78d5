//===- TConvPrecompiled.cpp - Owner of the precompiled header -------------===//
//
// The one source of the target that builds TConvPrecompiled.h's precompiled
// header, which the other targets reuse.
//
//===----------------------------------------------------------------------===//
