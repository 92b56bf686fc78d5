func.func @layer() {{{{ ((( [[[ 
