//===- BFloatAcrossBlocks.cpp - bf16 values cross blocks as i16 ----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The kernels only move bf16 values (they compute in f32, and the
// conversions are integer code), but a moved value can live in more than one
// block: LLVM's optimizer merges a padded copy's two stores (a loaded bf16 or
// zero) into one store of a phi, and hoists loads and shuffles out of loops.
// UPSTREAM(LLVM 22, llvm/llvm-project#221225): the x86 backend of LLVM 22
// carries a bf16 value from one block to another as f32, extending it in the
// first and truncating it back through compiler-rt's __truncsfbf2 (once per
// lane for vectors) in the second, whatever the CPU; tconv's objects must
// need nothing but libc (and GCC 12's libgcc has no __truncsfbf2). Their bits
// (i16) cross blocks as they are. test/Upstream/bfloat-across-blocks.ll is
// the canary. Loads and stores of odd-sized bf16 vectors move their bits
// too (moveBitsOfOddVector).
//
//===----------------------------------------------------------------------===//

#include "BFloatAcrossBlocks.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MathExtras.h"

using namespace llvm;

static bool isBFloat(const Value &value) {
  return value.getType()->getScalarType()->isBFloatTy();
}

static Type *getBitsType(Type *type) {
  return type->getWithNewType(Type::getInt16Ty(type->getContext()));
}

/// A phi of the bits: bitcasts at the ends of the predecessors (a constant
/// folds) and one back at the top of the block.
static void replaceWithBitsPhi(PHINode *phi) {
  Type *type = phi->getType();
  Type *bits = getBitsType(type);
  auto *bitsPhi = PHINode::Create(bits, phi->getNumIncomingValues(),
                                  phi->getName() + ".bits", phi->getIterator());
  for (auto [value, block] :
       llvm::zip_equal(phi->incoming_values(), phi->blocks())) {
    IRBuilder<> builder(block->getTerminator());
    bitsPhi->addIncoming(builder.CreateBitCast(value, bits), block);
  }
  IRBuilder<> builder(phi->getParent(),
                      phi->getParent()->getFirstInsertionPt());
  phi->replaceAllUsesWith(builder.CreateBitCast(bitsPhi, type));
  phi->eraseFromParent();
}

/// A select of the bits: LLVM 22 scalarizes a select of an odd-sized bf16
/// vector (arith-expand-ops' NaN case of a truncation to bf16) through f32,
/// so through __truncsfbf2, too.
static void replaceWithBitsSelect(SelectInst *select) {
  Type *type = select->getType();
  Type *bits = getBitsType(type);
  IRBuilder<> builder(select);
  Value *selected =
      builder.CreateSelect(select->getCondition(),
                           builder.CreateBitCast(select->getTrueValue(), bits),
                           builder.CreateBitCast(select->getFalseValue(), bits),
                           select->getName() + ".bits");
  select->replaceAllUsesWith(builder.CreateBitCast(selected, type));
  select->eraseFromParent();
}

/// Uses of `value` outside its block read its bits, cast back in their own
/// block (once per block).
static void carryBitsToOtherBlocks(Instruction *value) {
  BasicBlock *home = value->getParent();
  Instruction *bits = nullptr;
  DenseMap<BasicBlock *, Value *> castBack;
  for (Use &use : llvm::make_early_inc_range(value->uses())) {
    BasicBlock *block = cast<Instruction>(use.getUser())->getParent();
    if (block == home)
      continue;
    if (!bits) {
      IRBuilder<> builder(home, std::next(value->getIterator()));
      bits = cast<Instruction>(
          builder.CreateBitCast(value, getBitsType(value->getType())));
    }
    Value *&back = castBack[block];
    if (!back) {
      IRBuilder<> builder(block, block->getFirstInsertionPt());
      back = builder.CreateBitCast(bits, value->getType());
    }
    use.set(back);
  }
}

/// Whether `type` is a bf16 vector whose lane count is not a power of two.
static bool isOddBFloatVector(Type *type) {
  auto *vector = dyn_cast<FixedVectorType>(type);
  return vector && vector->getElementType()->isBFloatTy() &&
         !isPowerOf2_32(vector->getNumElements());
}

/// A load or store of a bf16 vector whose lane count is not a power of two
/// moves its bits. UPSTREAM(LLVM 22, unreported): the x86 type legalizer
/// aborts ("Do not know how to soft promote this operator's operand") on
/// `store <9 x bfloat>` of a loaded vector (a row of 9 weights copied by a
/// sub-pixel part) for CPUs with AVX512-BF16;
/// test/Upstream/bfloat-odd-vector-store.test is the canary.
static void moveBitsOfOddVector(Instruction *access) {
  IRBuilder<> builder(access);
  if (auto *load = dyn_cast<LoadInst>(access)) {
    Type *type = load->getType();
    LoadInst *bits = builder.CreateAlignedLoad(
        getBitsType(type), load->getPointerOperand(), load->getAlign(),
        load->isVolatile(), load->getName() + ".bits");
    load->replaceAllUsesWith(builder.CreateBitCast(bits, type));
    load->eraseFromParent();
    return;
  }
  auto *store = cast<StoreInst>(access);
  Value *value = store->getValueOperand();
  builder.CreateAlignedStore(
      builder.CreateBitCast(value, getBitsType(value->getType())),
      store->getPointerOperand(), store->getAlign(), store->isVolatile());
  store->eraseFromParent();
}

void mlir::tconv::carryBFloatAcrossBlocksAsIntegers(Module &module) {
  for (Function &function : module) {
    SmallVector<PHINode *> phis;
    SmallVector<SelectInst *> selects;
    SmallVector<Instruction *> oddAccesses;
    for (Instruction &instruction : llvm::instructions(function)) {
      if (auto *store = dyn_cast<StoreInst>(&instruction);
          store && isOddBFloatVector(store->getValueOperand()->getType()))
        oddAccesses.push_back(store);
      if (!isBFloat(instruction))
        continue;
      if (auto *phi = dyn_cast<PHINode>(&instruction))
        phis.push_back(phi);
      else if (auto *select = dyn_cast<SelectInst>(&instruction))
        selects.push_back(select);
      else if (isa<LoadInst>(instruction) &&
               isOddBFloatVector(instruction.getType()))
        oddAccesses.push_back(&instruction);
    }
    for (PHINode *phi : phis)
      replaceWithBitsPhi(phi);
    for (SelectInst *select : selects)
      replaceWithBitsSelect(select);
    for (Instruction *access : oddAccesses)
      moveBitsOfOddVector(access);
    SmallVector<Instruction *> values;
    for (Instruction &instruction : llvm::instructions(function))
      if (isBFloat(instruction))
        values.push_back(&instruction);
    for (Instruction *value : values)
      carryBitsToOtherBlocks(value);
  }
}
