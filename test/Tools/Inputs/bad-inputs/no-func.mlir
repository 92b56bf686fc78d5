%y = "tconv.conv_transpose"() : () -> ()
