//===- TConvAttrs.td - tconv attributes --------------------*- tablegen -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_ATTRS_TD
#define TCONV_ATTRS_TD

include "tconv/Dialect/TConv/IR/TConvDialect.td"
include "mlir/IR/EnumAttr.td"

def TConv_ChannelsFirst : I32EnumAttrCase<"channels_first", 0>;
def TConv_ChannelsLast : I32EnumAttrCase<"channels_last", 1>;

def TConv_Layout : I32EnumAttr<"Layout",
    "position of the channel dimension",
    [TConv_ChannelsFirst, TConv_ChannelsLast]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::tconv";
}

def TConv_LayoutAttr : EnumAttr<TConv_Dialect, TConv_Layout, "layout"> {
  let summary = "data layout of a transposed convolution";
  let description = [{
    `#tconv.layout<channels_first>`: input `(N, Cin, I...)`, weight
    `(Cin, Cout/G, k...)` (PyTorch), result `(N, Cout, O...)`.

    `#tconv.layout<channels_last>`: input `(N, I..., Cin)`, weight
    `(Cout, k..., Cin/G)` (TOSA/TFLite OHWI), result `(N, O..., Cout)`.
  }];
  let assemblyFormat = "`<` $value `>`";
}

#endif // TCONV_ATTRS_TD
