#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libm, named apart from the Double members and the exercises' functions.
func logOf(_ x: Double) -> Double { log(x) }
func cosOf(_ x: Double) -> Double { cos(x) }
func expOf(_ x: Double) -> Double { exp(x) }
func powOf(_ x: Double, _ y: Double) -> Double { pow(x, y) }
