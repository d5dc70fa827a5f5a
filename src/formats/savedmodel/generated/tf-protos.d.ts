import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace tensorflow {

    interface IAttrValue extends tensorflow.AttrValue.$Properties {
    }

    class AttrValue {
        constructor(properties?: tensorflow.AttrValue.$Properties);
        $unknowns?: Uint8Array[];
        s?: (Uint8Array|null);
        i?: (number|Long|null);
        f?: (number|null);
        b?: (boolean|null);
        type?: (tensorflow.DataType|null);
        shape?: (tensorflow.TensorShapeProto.$Properties|null);
        tensor?: (tensorflow.TensorProto.$Properties|null);
        list?: (tensorflow.AttrValue.ListValue.$Properties|null);
        func?: (tensorflow.NameAttrList.$Properties|null);
        placeholder?: (string|null);
        value?: ("s"|"i"|"f"|"b"|"type"|"shape"|"tensor"|"list"|"func"|"placeholder");
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.AttrValue & tensorflow.AttrValue.$Shape;
    }

    namespace AttrValue {
        interface $Properties {
            s?: (Uint8Array|null);
            i?: (number|Long|null);
            f?: (number|null);
            b?: (boolean|null);
            type?: (tensorflow.DataType|null);
            shape?: (tensorflow.TensorShapeProto.$Properties|null);
            tensor?: (tensorflow.TensorProto.$Properties|null);
            list?: (tensorflow.AttrValue.ListValue.$Properties|null);
            func?: (tensorflow.NameAttrList.$Properties|null);
            placeholder?: (string|null);
            value?: ("s"|"i"|"f"|"b"|"type"|"shape"|"tensor"|"list"|"func"|"placeholder");
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          s?: Uint8Array|null;
          i?: number|Long|null;
          f?: number|null;
          b?: boolean|null;
          type?: tensorflow.DataType|null;
          shape?: tensorflow.TensorShapeProto.$Shape|null;
          tensor?: tensorflow.TensorProto.$Shape|null;
          list?: tensorflow.AttrValue.ListValue.$Shape|null;
          func?: tensorflow.NameAttrList.$Shape|null;
          placeholder?: string|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ value?: undefined; s?: null; i?: null; f?: null; b?: null; type?: null; shape?: null; tensor?: null; list?: null; func?: null; placeholder?: null }|{ value?: "s"; s: Uint8Array; i?: null; f?: null; b?: null; type?: null; shape?: null; tensor?: null; list?: null; func?: null; placeholder?: null }|{ value?: "i"; s?: null; i: number|Long; f?: null; b?: null; type?: null; shape?: null; tensor?: null; list?: null; func?: null; placeholder?: null }|{ value?: "f"; s?: null; i?: null; f: number; b?: null; type?: null; shape?: null; tensor?: null; list?: null; func?: null; placeholder?: null }|{ value?: "b"; s?: null; i?: null; f?: null; b: boolean; type?: null; shape?: null; tensor?: null; list?: null; func?: null; placeholder?: null }|{ value?: "type"; s?: null; i?: null; f?: null; b?: null; type: tensorflow.DataType; shape?: null; tensor?: null; list?: null; func?: null; placeholder?: null }|{ value?: "shape"; s?: null; i?: null; f?: null; b?: null; type?: null; shape: tensorflow.TensorShapeProto.$Shape; tensor?: null; list?: null; func?: null; placeholder?: null }|{ value?: "tensor"; s?: null; i?: null; f?: null; b?: null; type?: null; shape?: null; tensor: tensorflow.TensorProto.$Shape; list?: null; func?: null; placeholder?: null }|{ value?: "list"; s?: null; i?: null; f?: null; b?: null; type?: null; shape?: null; tensor?: null; list: tensorflow.AttrValue.ListValue.$Shape; func?: null; placeholder?: null }|{ value?: "func"; s?: null; i?: null; f?: null; b?: null; type?: null; shape?: null; tensor?: null; list?: null; func: tensorflow.NameAttrList.$Shape; placeholder?: null }|{ value?: "placeholder"; s?: null; i?: null; f?: null; b?: null; type?: null; shape?: null; tensor?: null; list?: null; func?: null; placeholder: string })
        );

        interface IListValue extends tensorflow.AttrValue.ListValue.$Properties {
        }

        class ListValue {
            constructor(properties?: tensorflow.AttrValue.ListValue.$Properties);
            $unknowns?: Uint8Array[];
            s: Uint8Array[];
            i: (number|Long)[];
            f: number[];
            b: boolean[];
            type: tensorflow.DataType[];
            shape: tensorflow.TensorShapeProto.$Properties[];
            tensor: tensorflow.TensorProto.$Properties[];
            func: tensorflow.NameAttrList.$Properties[];
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.AttrValue.ListValue & tensorflow.AttrValue.ListValue.$Shape;
        }

        namespace ListValue {
            interface $Properties {
                s?: (Uint8Array[]|null);
                i?: ((number|Long)[]|null);
                f?: (number[]|null);
                b?: (boolean[]|null);
                type?: (tensorflow.DataType[]|null);
                shape?: (tensorflow.TensorShapeProto.$Properties[]|null);
                tensor?: (tensorflow.TensorProto.$Properties[]|null);
                func?: (tensorflow.NameAttrList.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              s?: Uint8Array[]|null;
              i?: (number|Long)[]|null;
              f?: number[]|null;
              b?: boolean[]|null;
              type?: tensorflow.DataType[]|null;
              shape?: tensorflow.TensorShapeProto.$Shape[]|null;
              tensor?: tensorflow.TensorProto.$Shape[]|null;
              func?: tensorflow.NameAttrList.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }
    }

    interface INameAttrList extends tensorflow.NameAttrList.$Properties {
    }

    class NameAttrList {
        constructor(properties?: tensorflow.NameAttrList.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        attr: { [k: string]: tensorflow.AttrValue.$Properties };
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.NameAttrList & tensorflow.NameAttrList.$Shape;
    }

    namespace NameAttrList {
        interface $Properties {
            name?: (string|null);
            attr?: ({ [k: string]: tensorflow.AttrValue.$Properties }|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          name?: string|null;
          attr?: { [k: string]: tensorflow.AttrValue.$Shape }|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface ITensorProto extends tensorflow.TensorProto.$Properties {
    }

    class TensorProto {
        constructor(properties?: tensorflow.TensorProto.$Properties);
        $unknowns?: Uint8Array[];
        dtype: tensorflow.DataType;
        tensorShape?: (tensorflow.TensorShapeProto.$Properties|null);
        versionNumber: number;
        tensorContent: Uint8Array;
        halfVal: number[];
        floatVal: number[];
        doubleVal: number[];
        intVal: number[];
        stringVal: Uint8Array[];
        scomplexVal: number[];
        int64Val: (number|Long)[];
        boolVal: boolean[];
        dcomplexVal: number[];
        resourceHandleVal: tensorflow.ResourceHandleProto.$Properties[];
        variantVal: tensorflow.VariantTensorDataProto.$Properties[];
        uint32Val: number[];
        uint64Val: (number|Long)[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorProto & tensorflow.TensorProto.$Shape;
    }

    namespace TensorProto {
        interface $Properties {
            dtype?: (tensorflow.DataType|null);
            tensorShape?: (tensorflow.TensorShapeProto.$Properties|null);
            versionNumber?: (number|null);
            tensorContent?: (Uint8Array|null);
            halfVal?: (number[]|null);
            floatVal?: (number[]|null);
            doubleVal?: (number[]|null);
            intVal?: (number[]|null);
            stringVal?: (Uint8Array[]|null);
            scomplexVal?: (number[]|null);
            int64Val?: ((number|Long)[]|null);
            boolVal?: (boolean[]|null);
            dcomplexVal?: (number[]|null);
            resourceHandleVal?: (tensorflow.ResourceHandleProto.$Properties[]|null);
            variantVal?: (tensorflow.VariantTensorDataProto.$Properties[]|null);
            uint32Val?: (number[]|null);
            uint64Val?: ((number|Long)[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.TensorProto.$Properties;
    }

    interface IVariantTensorDataProto extends tensorflow.VariantTensorDataProto.$Properties {
    }

    class VariantTensorDataProto {
        constructor(properties?: tensorflow.VariantTensorDataProto.$Properties);
        $unknowns?: Uint8Array[];
        typeName: string;
        metadata: Uint8Array;
        tensors: tensorflow.TensorProto.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.VariantTensorDataProto & tensorflow.VariantTensorDataProto.$Shape;
    }

    namespace VariantTensorDataProto {
        interface $Properties {
            typeName?: (string|null);
            metadata?: (Uint8Array|null);
            tensors?: (tensorflow.TensorProto.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.VariantTensorDataProto.$Properties;
    }

    interface IResourceHandleProto extends tensorflow.ResourceHandleProto.$Properties {
    }

    class ResourceHandleProto {
        constructor(properties?: tensorflow.ResourceHandleProto.$Properties);
        $unknowns?: Uint8Array[];
        device: string;
        container: string;
        name: string;
        hashCode: (number|Long);
        maybeTypeName: string;
        dtypesAndShapes: tensorflow.ResourceHandleProto.DtypeAndShape.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.ResourceHandleProto & tensorflow.ResourceHandleProto.$Shape;
    }

    namespace ResourceHandleProto {
        interface $Properties {
            device?: (string|null);
            container?: (string|null);
            name?: (string|null);
            hashCode?: (number|Long|null);
            maybeTypeName?: (string|null);
            dtypesAndShapes?: (tensorflow.ResourceHandleProto.DtypeAndShape.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.ResourceHandleProto.$Properties;

        interface IDtypeAndShape extends tensorflow.ResourceHandleProto.DtypeAndShape.$Properties {
        }

        class DtypeAndShape {
            constructor(properties?: tensorflow.ResourceHandleProto.DtypeAndShape.$Properties);
            $unknowns?: Uint8Array[];
            dtype: tensorflow.DataType;
            shape?: (tensorflow.TensorShapeProto.$Properties|null);
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.ResourceHandleProto.DtypeAndShape & tensorflow.ResourceHandleProto.DtypeAndShape.$Shape;
        }

        namespace DtypeAndShape {
            interface $Properties {
                dtype?: (tensorflow.DataType|null);
                shape?: (tensorflow.TensorShapeProto.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = tensorflow.ResourceHandleProto.DtypeAndShape.$Properties;
        }
    }

    interface ITensorShapeProto extends tensorflow.TensorShapeProto.$Properties {
    }

    class TensorShapeProto {
        constructor(properties?: tensorflow.TensorShapeProto.$Properties);
        $unknowns?: Uint8Array[];
        dim: tensorflow.TensorShapeProto.Dim.$Properties[];
        unknownRank: boolean;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorShapeProto & tensorflow.TensorShapeProto.$Shape;
    }

    namespace TensorShapeProto {
        interface $Properties {
            dim?: (tensorflow.TensorShapeProto.Dim.$Properties[]|null);
            unknownRank?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.TensorShapeProto.$Properties;

        interface IDim extends tensorflow.TensorShapeProto.Dim.$Properties {
        }

        class Dim {
            constructor(properties?: tensorflow.TensorShapeProto.Dim.$Properties);
            $unknowns?: Uint8Array[];
            size: (number|Long);
            name: string;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorShapeProto.Dim & tensorflow.TensorShapeProto.Dim.$Shape;
        }

        namespace Dim {
            interface $Properties {
                size?: (number|Long|null);
                name?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = tensorflow.TensorShapeProto.Dim.$Properties;
        }
    }

    enum DataType {
        DT_INVALID = 0,
        DT_FLOAT = 1,
        DT_DOUBLE = 2,
        DT_INT32 = 3,
        DT_UINT8 = 4,
        DT_INT16 = 5,
        DT_INT8 = 6,
        DT_STRING = 7,
        DT_COMPLEX64 = 8,
        DT_INT64 = 9,
        DT_BOOL = 10,
        DT_QINT8 = 11,
        DT_QUINT8 = 12,
        DT_QINT32 = 13,
        DT_BFLOAT16 = 14,
        DT_QINT16 = 15,
        DT_QUINT16 = 16,
        DT_UINT16 = 17,
        DT_COMPLEX128 = 18,
        DT_HALF = 19,
        DT_RESOURCE = 20,
        DT_VARIANT = 21,
        DT_UINT32 = 22,
        DT_UINT64 = 23,
        DT_FLOAT_REF = 101,
        DT_DOUBLE_REF = 102,
        DT_INT32_REF = 103,
        DT_UINT8_REF = 104,
        DT_INT16_REF = 105,
        DT_INT8_REF = 106,
        DT_STRING_REF = 107,
        DT_COMPLEX64_REF = 108,
        DT_INT64_REF = 109,
        DT_BOOL_REF = 110,
        DT_QINT8_REF = 111,
        DT_QUINT8_REF = 112,
        DT_QINT32_REF = 113,
        DT_BFLOAT16_REF = 114,
        DT_QINT16_REF = 115,
        DT_QUINT16_REF = 116,
        DT_UINT16_REF = 117,
        DT_COMPLEX128_REF = 118,
        DT_HALF_REF = 119,
        DT_RESOURCE_REF = 120,
        DT_VARIANT_REF = 121,
        DT_UINT32_REF = 122,
        DT_UINT64_REF = 123
    }

    enum FullTypeId {
        TFT_UNSET = 0,
        TFT_VAR = 1,
        TFT_ANY = 2,
        TFT_PRODUCT = 3,
        TFT_NAMED = 4,
        TFT_FOR_EACH = 20,
        TFT_CALLABLE = 100,
        TFT_TENSOR = 1000,
        TFT_ARRAY = 1001,
        TFT_OPTIONAL = 1002,
        TFT_LITERAL = 1003,
        TFT_BOOL = 200,
        TFT_UINT8 = 201,
        TFT_UINT16 = 202,
        TFT_UINT32 = 203,
        TFT_UINT64 = 204,
        TFT_INT8 = 205,
        TFT_INT16 = 206,
        TFT_INT32 = 207,
        TFT_INT64 = 208,
        TFT_HALF = 209,
        TFT_FLOAT = 210,
        TFT_DOUBLE = 211,
        TFT_BFLOAT16 = 215,
        TFT_COMPLEX64 = 212,
        TFT_COMPLEX128 = 213,
        TFT_STRING = 214,
        TFT_DATASET = 10102,
        TFT_RAGGED = 10103,
        TFT_MUTEX_LOCK = 10202,
        TFT_LEGACY_VARIANT = 10203
    }

    interface IFullTypeDef extends tensorflow.FullTypeDef.$Properties {
    }

    class FullTypeDef {
        constructor(properties?: tensorflow.FullTypeDef.$Properties);
        $unknowns?: Uint8Array[];
        typeId: tensorflow.FullTypeId;
        args: tensorflow.FullTypeDef.$Properties[];
        s?: (string|null);
        i?: (number|Long|null);
        attr?: ("s"|"i");
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.FullTypeDef & tensorflow.FullTypeDef.$Shape;
    }

    namespace FullTypeDef {
        interface $Properties {
            typeId?: (tensorflow.FullTypeId|null);
            args?: (tensorflow.FullTypeDef.$Properties[]|null);
            s?: (string|null);
            i?: (number|Long|null);
            attr?: ("s"|"i");
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          typeId?: tensorflow.FullTypeId|null;
          args?: tensorflow.FullTypeDef.$Shape[]|null;
          s?: string|null;
          i?: number|Long|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ attr?: undefined; s?: null; i?: null }|{ attr?: "s"; s: string; i?: null }|{ attr?: "i"; s?: null; i: number|Long })
        );
    }

    interface IFunctionDefLibrary extends tensorflow.FunctionDefLibrary.$Properties {
    }

    class FunctionDefLibrary {
        constructor(properties?: tensorflow.FunctionDefLibrary.$Properties);
        $unknowns?: Uint8Array[];
        function: tensorflow.FunctionDef.$Properties[];
        gradient: tensorflow.GradientDef.$Properties[];
        registeredGradients: tensorflow.RegisteredGradient.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.FunctionDefLibrary & tensorflow.FunctionDefLibrary.$Shape;
    }

    namespace FunctionDefLibrary {
        interface $Properties {
            "function"?: (tensorflow.FunctionDef.$Properties[]|null);
            gradient?: (tensorflow.GradientDef.$Properties[]|null);
            registeredGradients?: (tensorflow.RegisteredGradient.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          "Function"?: tensorflow.FunctionDef.$Shape[]|null;
          gradient?: tensorflow.GradientDef.$Shape[]|null;
          registeredGradients?: tensorflow.RegisteredGradient.$Shape[]|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface IFunctionDef extends tensorflow.FunctionDef.$Properties {
    }

    class FunctionDef {
        constructor(properties?: tensorflow.FunctionDef.$Properties);
        $unknowns?: Uint8Array[];
        signature?: (tensorflow.OpDef.$Properties|null);
        attr: { [k: string]: tensorflow.AttrValue.$Properties };
        argAttr: { [k: string]: tensorflow.FunctionDef.ArgAttrs.$Properties };
        resourceArgUniqueId: { [k: string]: number };
        nodeDef: tensorflow.NodeDef.$Properties[];
        ret: { [k: string]: string };
        controlRet: { [k: string]: string };
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.FunctionDef & tensorflow.FunctionDef.$Shape;
    }

    namespace FunctionDef {
        interface $Properties {
            signature?: (tensorflow.OpDef.$Properties|null);
            attr?: ({ [k: string]: tensorflow.AttrValue.$Properties }|null);
            argAttr?: ({ [k: string]: tensorflow.FunctionDef.ArgAttrs.$Properties }|null);
            resourceArgUniqueId?: ({ [k: string]: number }|null);
            nodeDef?: (tensorflow.NodeDef.$Properties[]|null);
            ret?: ({ [k: string]: string }|null);
            controlRet?: ({ [k: string]: string }|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          signature?: tensorflow.OpDef.$Shape|null;
          attr?: { [k: string]: tensorflow.AttrValue.$Shape }|null;
          argAttr?: { [k: string]: tensorflow.FunctionDef.ArgAttrs.$Shape }|null;
          resourceArgUniqueId?: { [k: string]: number }|null;
          nodeDef?: tensorflow.NodeDef.$Shape[]|null;
          ret?: { [k: string]: string }|null;
          controlRet?: { [k: string]: string }|null;
          $unknowns?: Uint8Array[];
        };

        interface IArgAttrs extends tensorflow.FunctionDef.ArgAttrs.$Properties {
        }

        class ArgAttrs {
            constructor(properties?: tensorflow.FunctionDef.ArgAttrs.$Properties);
            $unknowns?: Uint8Array[];
            attr: { [k: string]: tensorflow.AttrValue.$Properties };
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.FunctionDef.ArgAttrs & tensorflow.FunctionDef.ArgAttrs.$Shape;
        }

        namespace ArgAttrs {
            interface $Properties {
                attr?: ({ [k: string]: tensorflow.AttrValue.$Properties }|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              attr?: { [k: string]: tensorflow.AttrValue.$Shape }|null;
              $unknowns?: Uint8Array[];
            };
        }
    }

    interface IGradientDef extends tensorflow.GradientDef.$Properties {
    }

    class GradientDef {
        constructor(properties?: tensorflow.GradientDef.$Properties);
        $unknowns?: Uint8Array[];
        functionName: string;
        gradientFunc: string;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.GradientDef & tensorflow.GradientDef.$Shape;
    }

    namespace GradientDef {
        interface $Properties {
            functionName?: (string|null);
            gradientFunc?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.GradientDef.$Properties;
    }

    interface IRegisteredGradient extends tensorflow.RegisteredGradient.$Properties {
    }

    class RegisteredGradient {
        constructor(properties?: tensorflow.RegisteredGradient.$Properties);
        $unknowns?: Uint8Array[];
        gradientFunc: string;
        registeredOpType: string;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.RegisteredGradient & tensorflow.RegisteredGradient.$Shape;
    }

    namespace RegisteredGradient {
        interface $Properties {
            gradientFunc?: (string|null);
            registeredOpType?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.RegisteredGradient.$Properties;
    }

    interface INodeDef extends tensorflow.NodeDef.$Properties {
    }

    class NodeDef {
        constructor(properties?: tensorflow.NodeDef.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        op: string;
        input: string[];
        device: string;
        attr: { [k: string]: tensorflow.AttrValue.$Properties };
        experimentalDebugInfo?: (tensorflow.NodeDef.ExperimentalDebugInfo.$Properties|null);
        experimentalType?: (tensorflow.FullTypeDef.$Properties|null);
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.NodeDef & tensorflow.NodeDef.$Shape;
    }

    namespace NodeDef {
        interface $Properties {
            name?: (string|null);
            op?: (string|null);
            input?: (string[]|null);
            device?: (string|null);
            attr?: ({ [k: string]: tensorflow.AttrValue.$Properties }|null);
            experimentalDebugInfo?: (tensorflow.NodeDef.ExperimentalDebugInfo.$Properties|null);
            experimentalType?: (tensorflow.FullTypeDef.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          name?: string|null;
          op?: string|null;
          input?: string[]|null;
          device?: string|null;
          attr?: { [k: string]: tensorflow.AttrValue.$Shape }|null;
          experimentalDebugInfo?: tensorflow.NodeDef.ExperimentalDebugInfo.$Shape|null;
          experimentalType?: tensorflow.FullTypeDef.$Shape|null;
          $unknowns?: Uint8Array[];
        };

        interface IExperimentalDebugInfo extends tensorflow.NodeDef.ExperimentalDebugInfo.$Properties {
        }

        class ExperimentalDebugInfo {
            constructor(properties?: tensorflow.NodeDef.ExperimentalDebugInfo.$Properties);
            $unknowns?: Uint8Array[];
            originalNodeNames: string[];
            originalFuncNames: string[];
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.NodeDef.ExperimentalDebugInfo & tensorflow.NodeDef.ExperimentalDebugInfo.$Shape;
        }

        namespace ExperimentalDebugInfo {
            interface $Properties {
                originalNodeNames?: (string[]|null);
                originalFuncNames?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = tensorflow.NodeDef.ExperimentalDebugInfo.$Properties;
        }
    }

    interface IOpDef extends tensorflow.OpDef.$Properties {
    }

    class OpDef {
        constructor(properties?: tensorflow.OpDef.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        inputArg: tensorflow.OpDef.ArgDef.$Properties[];
        outputArg: tensorflow.OpDef.ArgDef.$Properties[];
        controlOutput: string[];
        attr: tensorflow.OpDef.AttrDef.$Properties[];
        deprecation?: (tensorflow.OpDeprecation.$Properties|null);
        summary: string;
        description: string;
        isCommutative: boolean;
        isAggregate: boolean;
        isStateful: boolean;
        allowsUninitializedInput: boolean;
        isDistributedCommunication: boolean;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.OpDef & tensorflow.OpDef.$Shape;
    }

    namespace OpDef {
        interface $Properties {
            name?: (string|null);
            inputArg?: (tensorflow.OpDef.ArgDef.$Properties[]|null);
            outputArg?: (tensorflow.OpDef.ArgDef.$Properties[]|null);
            controlOutput?: (string[]|null);
            attr?: (tensorflow.OpDef.AttrDef.$Properties[]|null);
            deprecation?: (tensorflow.OpDeprecation.$Properties|null);
            summary?: (string|null);
            description?: (string|null);
            isCommutative?: (boolean|null);
            isAggregate?: (boolean|null);
            isStateful?: (boolean|null);
            allowsUninitializedInput?: (boolean|null);
            isDistributedCommunication?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          name?: string|null;
          inputArg?: tensorflow.OpDef.ArgDef.$Shape[]|null;
          outputArg?: tensorflow.OpDef.ArgDef.$Shape[]|null;
          controlOutput?: string[]|null;
          attr?: tensorflow.OpDef.AttrDef.$Shape[]|null;
          deprecation?: tensorflow.OpDeprecation.$Shape|null;
          summary?: string|null;
          description?: string|null;
          isCommutative?: boolean|null;
          isAggregate?: boolean|null;
          isStateful?: boolean|null;
          allowsUninitializedInput?: boolean|null;
          isDistributedCommunication?: boolean|null;
          $unknowns?: Uint8Array[];
        };

        interface IArgDef extends tensorflow.OpDef.ArgDef.$Properties {
        }

        class ArgDef {
            constructor(properties?: tensorflow.OpDef.ArgDef.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            description: string;
            type: tensorflow.DataType;
            typeAttr: string;
            numberAttr: string;
            typeListAttr: string;
            handleData: tensorflow.ResourceHandleProto.DtypeAndShape.$Properties[];
            isRef: boolean;
            experimentalFullType?: (tensorflow.FullTypeDef.$Properties|null);
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.OpDef.ArgDef & tensorflow.OpDef.ArgDef.$Shape;
        }

        namespace ArgDef {
            interface $Properties {
                name?: (string|null);
                description?: (string|null);
                type?: (tensorflow.DataType|null);
                typeAttr?: (string|null);
                numberAttr?: (string|null);
                typeListAttr?: (string|null);
                handleData?: (tensorflow.ResourceHandleProto.DtypeAndShape.$Properties[]|null);
                isRef?: (boolean|null);
                experimentalFullType?: (tensorflow.FullTypeDef.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              name?: string|null;
              description?: string|null;
              type?: tensorflow.DataType|null;
              typeAttr?: string|null;
              numberAttr?: string|null;
              typeListAttr?: string|null;
              handleData?: tensorflow.ResourceHandleProto.DtypeAndShape.$Shape[]|null;
              isRef?: boolean|null;
              experimentalFullType?: tensorflow.FullTypeDef.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IAttrDef extends tensorflow.OpDef.AttrDef.$Properties {
        }

        class AttrDef {
            constructor(properties?: tensorflow.OpDef.AttrDef.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            type: string;
            defaultValue?: (tensorflow.AttrValue.$Properties|null);
            description: string;
            hasMinimum: boolean;
            minimum: (number|Long);
            allowedValues?: (tensorflow.AttrValue.$Properties|null);
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.OpDef.AttrDef & tensorflow.OpDef.AttrDef.$Shape;
        }

        namespace AttrDef {
            interface $Properties {
                name?: (string|null);
                type?: (string|null);
                defaultValue?: (tensorflow.AttrValue.$Properties|null);
                description?: (string|null);
                hasMinimum?: (boolean|null);
                minimum?: (number|Long|null);
                allowedValues?: (tensorflow.AttrValue.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              name?: string|null;
              type?: string|null;
              defaultValue?: tensorflow.AttrValue.$Shape|null;
              description?: string|null;
              hasMinimum?: boolean|null;
              minimum?: number|Long|null;
              allowedValues?: tensorflow.AttrValue.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }
    }

    interface IOpDeprecation extends tensorflow.OpDeprecation.$Properties {
    }

    class OpDeprecation {
        constructor(properties?: tensorflow.OpDeprecation.$Properties);
        $unknowns?: Uint8Array[];
        version: number;
        explanation: string;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.OpDeprecation & tensorflow.OpDeprecation.$Shape;
    }

    namespace OpDeprecation {
        interface $Properties {
            version?: (number|null);
            explanation?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.OpDeprecation.$Properties;
    }

    interface IOpList extends tensorflow.OpList.$Properties {
    }

    class OpList {
        constructor(properties?: tensorflow.OpList.$Properties);
        $unknowns?: Uint8Array[];
        op: tensorflow.OpDef.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.OpList & tensorflow.OpList.$Shape;
    }

    namespace OpList {
        interface $Properties {
            op?: (tensorflow.OpDef.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          op?: tensorflow.OpDef.$Shape[]|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface IGraphDef extends tensorflow.GraphDef.$Properties {
    }

    class GraphDef {
        constructor(properties?: tensorflow.GraphDef.$Properties);
        $unknowns?: Uint8Array[];
        node: tensorflow.NodeDef.$Properties[];
        versions?: (tensorflow.VersionDef.$Properties|null);
        version: number;
        library?: (tensorflow.FunctionDefLibrary.$Properties|null);
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.GraphDef & tensorflow.GraphDef.$Shape;
    }

    namespace GraphDef {
        interface $Properties {
            node?: (tensorflow.NodeDef.$Properties[]|null);
            versions?: (tensorflow.VersionDef.$Properties|null);
            version?: (number|null);
            library?: (tensorflow.FunctionDefLibrary.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          node?: tensorflow.NodeDef.$Shape[]|null;
          versions?: tensorflow.VersionDef.$Shape|null;
          version?: number|null;
          library?: tensorflow.FunctionDefLibrary.$Shape|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface IVersionDef extends tensorflow.VersionDef.$Properties {
    }

    class VersionDef {
        constructor(properties?: tensorflow.VersionDef.$Properties);
        $unknowns?: Uint8Array[];
        producer: number;
        minConsumer: number;
        badConsumers: number[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.VersionDef & tensorflow.VersionDef.$Shape;
    }

    namespace VersionDef {
        interface $Properties {
            producer?: (number|null);
            minConsumer?: (number|null);
            badConsumers?: (number[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.VersionDef.$Properties;
    }

    interface ITensorSliceProto extends tensorflow.TensorSliceProto.$Properties {
    }

    class TensorSliceProto {
        constructor(properties?: tensorflow.TensorSliceProto.$Properties);
        $unknowns?: Uint8Array[];
        extent: tensorflow.TensorSliceProto.Extent.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorSliceProto & tensorflow.TensorSliceProto.$Shape;
    }

    namespace TensorSliceProto {
        interface $Properties {
            extent?: (tensorflow.TensorSliceProto.Extent.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          extent?: tensorflow.TensorSliceProto.Extent.$Shape[]|null;
          $unknowns?: Uint8Array[];
        };

        interface IExtent extends tensorflow.TensorSliceProto.Extent.$Properties {
        }

        class Extent {
            constructor(properties?: tensorflow.TensorSliceProto.Extent.$Properties);
            $unknowns?: Uint8Array[];
            start: (number|Long);
            length?: (number|Long|null);
            hasLength?: "length";
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorSliceProto.Extent & tensorflow.TensorSliceProto.Extent.$Shape;
        }

        namespace Extent {
            interface $Properties {
                start?: (number|Long|null);
                length?: (number|Long|null);
                hasLength?: "length";
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              start?: number|Long|null;
              length?: number|Long|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ hasLength?: undefined; length?: null }|{ hasLength?: "length"; length: number|Long })
            );
        }
    }

    enum VariableSynchronization {
        VARIABLE_SYNCHRONIZATION_AUTO = 0,
        VARIABLE_SYNCHRONIZATION_NONE = 1,
        VARIABLE_SYNCHRONIZATION_ON_WRITE = 2,
        VARIABLE_SYNCHRONIZATION_ON_READ = 3
    }

    enum VariableAggregation {
        VARIABLE_AGGREGATION_NONE = 0,
        VARIABLE_AGGREGATION_SUM = 1,
        VARIABLE_AGGREGATION_MEAN = 2,
        VARIABLE_AGGREGATION_ONLY_FIRST_REPLICA = 3
    }

    interface IVariableDef extends tensorflow.VariableDef.$Properties {
    }

    class VariableDef {
        constructor(properties?: tensorflow.VariableDef.$Properties);
        $unknowns?: Uint8Array[];
        variableName: string;
        initialValueName: string;
        initializerName: string;
        snapshotName: string;
        saveSliceInfoDef?: (tensorflow.SaveSliceInfoDef.$Properties|null);
        isResource: boolean;
        trainable: boolean;
        synchronization: tensorflow.VariableSynchronization;
        aggregation: tensorflow.VariableAggregation;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.VariableDef & tensorflow.VariableDef.$Shape;
    }

    namespace VariableDef {
        interface $Properties {
            variableName?: (string|null);
            initialValueName?: (string|null);
            initializerName?: (string|null);
            snapshotName?: (string|null);
            saveSliceInfoDef?: (tensorflow.SaveSliceInfoDef.$Properties|null);
            isResource?: (boolean|null);
            trainable?: (boolean|null);
            synchronization?: (tensorflow.VariableSynchronization|null);
            aggregation?: (tensorflow.VariableAggregation|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.VariableDef.$Properties;
    }

    interface ISaveSliceInfoDef extends tensorflow.SaveSliceInfoDef.$Properties {
    }

    class SaveSliceInfoDef {
        constructor(properties?: tensorflow.SaveSliceInfoDef.$Properties);
        $unknowns?: Uint8Array[];
        fullName: string;
        fullShape: (number|Long)[];
        varOffset: (number|Long)[];
        varShape: (number|Long)[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SaveSliceInfoDef & tensorflow.SaveSliceInfoDef.$Shape;
    }

    namespace SaveSliceInfoDef {
        interface $Properties {
            fullName?: (string|null);
            fullShape?: ((number|Long)[]|null);
            varOffset?: ((number|Long)[]|null);
            varShape?: ((number|Long)[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.SaveSliceInfoDef.$Properties;
    }

    interface IMetaGraphDef extends tensorflow.MetaGraphDef.$Properties {
    }

    class MetaGraphDef {
        constructor(properties?: tensorflow.MetaGraphDef.$Properties);
        $unknowns?: Uint8Array[];
        metaInfoDef?: (tensorflow.MetaGraphDef.MetaInfoDef.$Properties|null);
        graphDef?: (tensorflow.GraphDef.$Properties|null);
        saverDef?: (tensorflow.SaverDef.$Properties|null);
        collectionDef: { [k: string]: tensorflow.CollectionDef.$Properties };
        signatureDef: { [k: string]: tensorflow.SignatureDef.$Properties };
        assetFileDef: tensorflow.AssetFileDef.$Properties[];
        objectGraphDef?: (tensorflow.SavedObjectGraph.$Properties|null);
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.MetaGraphDef & tensorflow.MetaGraphDef.$Shape;
    }

    namespace MetaGraphDef {
        interface $Properties {
            metaInfoDef?: (tensorflow.MetaGraphDef.MetaInfoDef.$Properties|null);
            graphDef?: (tensorflow.GraphDef.$Properties|null);
            saverDef?: (tensorflow.SaverDef.$Properties|null);
            collectionDef?: ({ [k: string]: tensorflow.CollectionDef.$Properties }|null);
            signatureDef?: ({ [k: string]: tensorflow.SignatureDef.$Properties }|null);
            assetFileDef?: (tensorflow.AssetFileDef.$Properties[]|null);
            objectGraphDef?: (tensorflow.SavedObjectGraph.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          metaInfoDef?: tensorflow.MetaGraphDef.MetaInfoDef.$Shape|null;
          graphDef?: tensorflow.GraphDef.$Shape|null;
          saverDef?: tensorflow.SaverDef.$Shape|null;
          collectionDef?: { [k: string]: tensorflow.CollectionDef.$Shape }|null;
          signatureDef?: { [k: string]: tensorflow.SignatureDef.$Shape }|null;
          assetFileDef?: tensorflow.AssetFileDef.$Shape[]|null;
          objectGraphDef?: tensorflow.SavedObjectGraph.$Shape|null;
          $unknowns?: Uint8Array[];
        };

        interface IMetaInfoDef extends tensorflow.MetaGraphDef.MetaInfoDef.$Properties {
        }

        class MetaInfoDef {
            constructor(properties?: tensorflow.MetaGraphDef.MetaInfoDef.$Properties);
            $unknowns?: Uint8Array[];
            metaGraphVersion: string;
            strippedOpList?: (tensorflow.OpList.$Properties|null);
            anyInfo?: (google.protobuf.Any.$Properties|null);
            tags: string[];
            tensorflowVersion: string;
            tensorflowGitVersion: string;
            strippedDefaultAttrs: boolean;
            functionAliases: { [k: string]: string };
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.MetaGraphDef.MetaInfoDef & tensorflow.MetaGraphDef.MetaInfoDef.$Shape;
        }

        namespace MetaInfoDef {
            interface $Properties {
                metaGraphVersion?: (string|null);
                strippedOpList?: (tensorflow.OpList.$Properties|null);
                anyInfo?: (google.protobuf.Any.$Properties|null);
                tags?: (string[]|null);
                tensorflowVersion?: (string|null);
                tensorflowGitVersion?: (string|null);
                strippedDefaultAttrs?: (boolean|null);
                functionAliases?: ({ [k: string]: string }|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              metaGraphVersion?: string|null;
              strippedOpList?: tensorflow.OpList.$Shape|null;
              anyInfo?: google.protobuf.Any.$Shape|null;
              tags?: string[]|null;
              tensorflowVersion?: string|null;
              tensorflowGitVersion?: string|null;
              strippedDefaultAttrs?: boolean|null;
              functionAliases?: { [k: string]: string }|null;
              $unknowns?: Uint8Array[];
            };
        }
    }

    interface ICollectionDef extends tensorflow.CollectionDef.$Properties {
    }

    class CollectionDef {
        constructor(properties?: tensorflow.CollectionDef.$Properties);
        $unknowns?: Uint8Array[];
        nodeList?: (tensorflow.CollectionDef.NodeList.$Properties|null);
        bytesList?: (tensorflow.CollectionDef.BytesList.$Properties|null);
        int64List?: (tensorflow.CollectionDef.Int64List.$Properties|null);
        floatList?: (tensorflow.CollectionDef.FloatList.$Properties|null);
        anyList?: (tensorflow.CollectionDef.AnyList.$Properties|null);
        kind?: ("nodeList"|"bytesList"|"int64List"|"floatList"|"anyList");
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.CollectionDef & tensorflow.CollectionDef.$Shape;
    }

    namespace CollectionDef {
        interface $Properties {
            nodeList?: (tensorflow.CollectionDef.NodeList.$Properties|null);
            bytesList?: (tensorflow.CollectionDef.BytesList.$Properties|null);
            int64List?: (tensorflow.CollectionDef.Int64List.$Properties|null);
            floatList?: (tensorflow.CollectionDef.FloatList.$Properties|null);
            anyList?: (tensorflow.CollectionDef.AnyList.$Properties|null);
            kind?: ("nodeList"|"bytesList"|"int64List"|"floatList"|"anyList");
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          nodeList?: tensorflow.CollectionDef.NodeList.$Shape|null;
          bytesList?: tensorflow.CollectionDef.BytesList.$Shape|null;
          int64List?: tensorflow.CollectionDef.Int64List.$Shape|null;
          floatList?: tensorflow.CollectionDef.FloatList.$Shape|null;
          anyList?: tensorflow.CollectionDef.AnyList.$Shape|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ kind?: undefined; nodeList?: null; bytesList?: null; int64List?: null; floatList?: null; anyList?: null }|{ kind?: "nodeList"; nodeList: tensorflow.CollectionDef.NodeList.$Shape; bytesList?: null; int64List?: null; floatList?: null; anyList?: null }|{ kind?: "bytesList"; nodeList?: null; bytesList: tensorflow.CollectionDef.BytesList.$Shape; int64List?: null; floatList?: null; anyList?: null }|{ kind?: "int64List"; nodeList?: null; bytesList?: null; int64List: tensorflow.CollectionDef.Int64List.$Shape; floatList?: null; anyList?: null }|{ kind?: "floatList"; nodeList?: null; bytesList?: null; int64List?: null; floatList: tensorflow.CollectionDef.FloatList.$Shape; anyList?: null }|{ kind?: "anyList"; nodeList?: null; bytesList?: null; int64List?: null; floatList?: null; anyList: tensorflow.CollectionDef.AnyList.$Shape })
        );

        interface INodeList extends tensorflow.CollectionDef.NodeList.$Properties {
        }

        class NodeList {
            constructor(properties?: tensorflow.CollectionDef.NodeList.$Properties);
            $unknowns?: Uint8Array[];
            value: string[];
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.CollectionDef.NodeList & tensorflow.CollectionDef.NodeList.$Shape;
        }

        namespace NodeList {
            interface $Properties {
                value?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = tensorflow.CollectionDef.NodeList.$Properties;
        }

        interface IBytesList extends tensorflow.CollectionDef.BytesList.$Properties {
        }

        class BytesList {
            constructor(properties?: tensorflow.CollectionDef.BytesList.$Properties);
            $unknowns?: Uint8Array[];
            value: Uint8Array[];
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.CollectionDef.BytesList & tensorflow.CollectionDef.BytesList.$Shape;
        }

        namespace BytesList {
            interface $Properties {
                value?: (Uint8Array[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = tensorflow.CollectionDef.BytesList.$Properties;
        }

        interface IInt64List extends tensorflow.CollectionDef.Int64List.$Properties {
        }

        class Int64List {
            constructor(properties?: tensorflow.CollectionDef.Int64List.$Properties);
            $unknowns?: Uint8Array[];
            value: (number|Long)[];
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.CollectionDef.Int64List & tensorflow.CollectionDef.Int64List.$Shape;
        }

        namespace Int64List {
            interface $Properties {
                value?: ((number|Long)[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = tensorflow.CollectionDef.Int64List.$Properties;
        }

        interface IFloatList extends tensorflow.CollectionDef.FloatList.$Properties {
        }

        class FloatList {
            constructor(properties?: tensorflow.CollectionDef.FloatList.$Properties);
            $unknowns?: Uint8Array[];
            value: number[];
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.CollectionDef.FloatList & tensorflow.CollectionDef.FloatList.$Shape;
        }

        namespace FloatList {
            interface $Properties {
                value?: (number[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = tensorflow.CollectionDef.FloatList.$Properties;
        }

        interface IAnyList extends tensorflow.CollectionDef.AnyList.$Properties {
        }

        class AnyList {
            constructor(properties?: tensorflow.CollectionDef.AnyList.$Properties);
            $unknowns?: Uint8Array[];
            value: google.protobuf.Any.$Properties[];
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.CollectionDef.AnyList & tensorflow.CollectionDef.AnyList.$Shape;
        }

        namespace AnyList {
            interface $Properties {
                value?: (google.protobuf.Any.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = tensorflow.CollectionDef.AnyList.$Properties;
        }
    }

    interface ITensorInfo extends tensorflow.TensorInfo.$Properties {
    }

    class TensorInfo {
        constructor(properties?: tensorflow.TensorInfo.$Properties);
        $unknowns?: Uint8Array[];
        name?: (string|null);
        cooSparse?: (tensorflow.TensorInfo.CooSparse.$Properties|null);
        compositeTensor?: (tensorflow.TensorInfo.CompositeTensor.$Properties|null);
        dtype: tensorflow.DataType;
        tensorShape?: (tensorflow.TensorShapeProto.$Properties|null);
        encoding?: ("name"|"cooSparse"|"compositeTensor");
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorInfo & tensorflow.TensorInfo.$Shape;
    }

    namespace TensorInfo {
        interface $Properties {
            name?: (string|null);
            cooSparse?: (tensorflow.TensorInfo.CooSparse.$Properties|null);
            compositeTensor?: (tensorflow.TensorInfo.CompositeTensor.$Properties|null);
            dtype?: (tensorflow.DataType|null);
            tensorShape?: (tensorflow.TensorShapeProto.$Properties|null);
            encoding?: ("name"|"cooSparse"|"compositeTensor");
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          name?: string|null;
          cooSparse?: tensorflow.TensorInfo.CooSparse.$Shape|null;
          compositeTensor?: tensorflow.TensorInfo.CompositeTensor.$Shape|null;
          dtype?: tensorflow.DataType|null;
          tensorShape?: tensorflow.TensorShapeProto.$Shape|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ encoding?: undefined; name?: null; cooSparse?: null; compositeTensor?: null }|{ encoding?: "name"; name: string; cooSparse?: null; compositeTensor?: null }|{ encoding?: "cooSparse"; name?: null; cooSparse: tensorflow.TensorInfo.CooSparse.$Shape; compositeTensor?: null }|{ encoding?: "compositeTensor"; name?: null; cooSparse?: null; compositeTensor: tensorflow.TensorInfo.CompositeTensor.$Shape })
        );

        interface ICooSparse extends tensorflow.TensorInfo.CooSparse.$Properties {
        }

        class CooSparse {
            constructor(properties?: tensorflow.TensorInfo.CooSparse.$Properties);
            $unknowns?: Uint8Array[];
            valuesTensorName: string;
            indicesTensorName: string;
            denseShapeTensorName: string;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorInfo.CooSparse & tensorflow.TensorInfo.CooSparse.$Shape;
        }

        namespace CooSparse {
            interface $Properties {
                valuesTensorName?: (string|null);
                indicesTensorName?: (string|null);
                denseShapeTensorName?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = tensorflow.TensorInfo.CooSparse.$Properties;
        }

        interface ICompositeTensor extends tensorflow.TensorInfo.CompositeTensor.$Properties {
        }

        class CompositeTensor {
            constructor(properties?: tensorflow.TensorInfo.CompositeTensor.$Properties);
            $unknowns?: Uint8Array[];
            typeSpec?: (tensorflow.TypeSpecProto.$Properties|null);
            components: tensorflow.TensorInfo.$Properties[];
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorInfo.CompositeTensor & tensorflow.TensorInfo.CompositeTensor.$Shape;
        }

        namespace CompositeTensor {
            interface $Properties {
                typeSpec?: (tensorflow.TypeSpecProto.$Properties|null);
                components?: (tensorflow.TensorInfo.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              typeSpec?: tensorflow.TypeSpecProto.$Shape|null;
              components?: tensorflow.TensorInfo.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }
    }

    interface ISignatureDef extends tensorflow.SignatureDef.$Properties {
    }

    class SignatureDef {
        constructor(properties?: tensorflow.SignatureDef.$Properties);
        $unknowns?: Uint8Array[];
        inputs: { [k: string]: tensorflow.TensorInfo.$Properties };
        outputs: { [k: string]: tensorflow.TensorInfo.$Properties };
        methodName: string;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SignatureDef & tensorflow.SignatureDef.$Shape;
    }

    namespace SignatureDef {
        interface $Properties {
            inputs?: ({ [k: string]: tensorflow.TensorInfo.$Properties }|null);
            outputs?: ({ [k: string]: tensorflow.TensorInfo.$Properties }|null);
            methodName?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          inputs?: { [k: string]: tensorflow.TensorInfo.$Shape }|null;
          outputs?: { [k: string]: tensorflow.TensorInfo.$Shape }|null;
          methodName?: string|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface IAssetFileDef extends tensorflow.AssetFileDef.$Properties {
    }

    class AssetFileDef {
        constructor(properties?: tensorflow.AssetFileDef.$Properties);
        $unknowns?: Uint8Array[];
        tensorInfo?: (tensorflow.TensorInfo.$Properties|null);
        filename: string;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.AssetFileDef & tensorflow.AssetFileDef.$Shape;
    }

    namespace AssetFileDef {
        interface $Properties {
            tensorInfo?: (tensorflow.TensorInfo.$Properties|null);
            filename?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          tensorInfo?: tensorflow.TensorInfo.$Shape|null;
          filename?: string|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface ISavedObjectGraph extends tensorflow.SavedObjectGraph.$Properties {
    }

    class SavedObjectGraph {
        constructor(properties?: tensorflow.SavedObjectGraph.$Properties);
        $unknowns?: Uint8Array[];
        nodes: tensorflow.SavedObject.$Properties[];
        concreteFunctions: { [k: string]: tensorflow.SavedConcreteFunction.$Properties };
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedObjectGraph & tensorflow.SavedObjectGraph.$Shape;
    }

    namespace SavedObjectGraph {
        interface $Properties {
            nodes?: (tensorflow.SavedObject.$Properties[]|null);
            concreteFunctions?: ({ [k: string]: tensorflow.SavedConcreteFunction.$Properties }|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          nodes?: tensorflow.SavedObject.$Shape[]|null;
          concreteFunctions?: { [k: string]: tensorflow.SavedConcreteFunction.$Shape }|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface ISavedObject extends tensorflow.SavedObject.$Properties {
    }

    class SavedObject {
        constructor(properties?: tensorflow.SavedObject.$Properties);
        $unknowns?: Uint8Array[];
        children: tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Properties[];
        dependencies: tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Properties[];
        slotVariables: tensorflow.TrackableObjectGraph.TrackableObject.SlotVariableReference.$Properties[];
        userObject?: (tensorflow.SavedUserObject.$Properties|null);
        asset?: (tensorflow.SavedAsset.$Properties|null);
        function?: (tensorflow.SavedFunction.$Properties|null);
        variable?: (tensorflow.SavedVariable.$Properties|null);
        bareConcreteFunction?: (tensorflow.SavedBareConcreteFunction.$Properties|null);
        constant?: (tensorflow.SavedConstant.$Properties|null);
        resource?: (tensorflow.SavedResource.$Properties|null);
        capturedTensor?: (tensorflow.CapturedTensor.$Properties|null);
        saveableObjects: { [k: string]: tensorflow.SaveableObject.$Properties };
        registeredName: string;
        serializedUserProto?: (google.protobuf.Any.$Properties|null);
        registeredSaver: string;
        kind?: ("userObject"|"asset"|"Function"|"variable"|"bareConcreteFunction"|"constant"|"resource"|"capturedTensor");
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedObject & tensorflow.SavedObject.$Shape;
    }

    namespace SavedObject {
        interface $Properties {
            children?: (tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Properties[]|null);
            dependencies?: (tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Properties[]|null);
            slotVariables?: (tensorflow.TrackableObjectGraph.TrackableObject.SlotVariableReference.$Properties[]|null);
            userObject?: (tensorflow.SavedUserObject.$Properties|null);
            asset?: (tensorflow.SavedAsset.$Properties|null);
            "function"?: (tensorflow.SavedFunction.$Properties|null);
            variable?: (tensorflow.SavedVariable.$Properties|null);
            bareConcreteFunction?: (tensorflow.SavedBareConcreteFunction.$Properties|null);
            constant?: (tensorflow.SavedConstant.$Properties|null);
            resource?: (tensorflow.SavedResource.$Properties|null);
            capturedTensor?: (tensorflow.CapturedTensor.$Properties|null);
            saveableObjects?: ({ [k: string]: tensorflow.SaveableObject.$Properties }|null);
            registeredName?: (string|null);
            serializedUserProto?: (google.protobuf.Any.$Properties|null);
            registeredSaver?: (string|null);
            kind?: ("userObject"|"asset"|"Function"|"variable"|"bareConcreteFunction"|"constant"|"resource"|"capturedTensor");
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          children?: tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Shape[]|null;
          dependencies?: tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Shape[]|null;
          slotVariables?: tensorflow.TrackableObjectGraph.TrackableObject.SlotVariableReference.$Shape[]|null;
          userObject?: tensorflow.SavedUserObject.$Shape|null;
          asset?: tensorflow.SavedAsset.$Shape|null;
          "Function"?: tensorflow.SavedFunction.$Shape|null;
          variable?: tensorflow.SavedVariable.$Shape|null;
          bareConcreteFunction?: tensorflow.SavedBareConcreteFunction.$Shape|null;
          constant?: tensorflow.SavedConstant.$Shape|null;
          resource?: tensorflow.SavedResource.$Shape|null;
          capturedTensor?: tensorflow.CapturedTensor.$Shape|null;
          saveableObjects?: { [k: string]: tensorflow.SaveableObject.$Shape }|null;
          registeredName?: string|null;
          serializedUserProto?: google.protobuf.Any.$Shape|null;
          registeredSaver?: string|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ kind?: undefined; userObject?: null; asset?: null; "Function"?: null; variable?: null; bareConcreteFunction?: null; constant?: null; resource?: null; capturedTensor?: null }|{ kind?: "userObject"; userObject: tensorflow.SavedUserObject.$Shape; asset?: null; "Function"?: null; variable?: null; bareConcreteFunction?: null; constant?: null; resource?: null; capturedTensor?: null }|{ kind?: "asset"; userObject?: null; asset: tensorflow.SavedAsset.$Shape; "Function"?: null; variable?: null; bareConcreteFunction?: null; constant?: null; resource?: null; capturedTensor?: null }|{ kind?: "Function"; userObject?: null; asset?: null; "Function": tensorflow.SavedFunction.$Shape; variable?: null; bareConcreteFunction?: null; constant?: null; resource?: null; capturedTensor?: null }|{ kind?: "variable"; userObject?: null; asset?: null; "Function"?: null; variable: tensorflow.SavedVariable.$Shape; bareConcreteFunction?: null; constant?: null; resource?: null; capturedTensor?: null }|{ kind?: "bareConcreteFunction"; userObject?: null; asset?: null; "Function"?: null; variable?: null; bareConcreteFunction: tensorflow.SavedBareConcreteFunction.$Shape; constant?: null; resource?: null; capturedTensor?: null }|{ kind?: "constant"; userObject?: null; asset?: null; "Function"?: null; variable?: null; bareConcreteFunction?: null; constant: tensorflow.SavedConstant.$Shape; resource?: null; capturedTensor?: null }|{ kind?: "resource"; userObject?: null; asset?: null; "Function"?: null; variable?: null; bareConcreteFunction?: null; constant?: null; resource: tensorflow.SavedResource.$Shape; capturedTensor?: null }|{ kind?: "capturedTensor"; userObject?: null; asset?: null; "Function"?: null; variable?: null; bareConcreteFunction?: null; constant?: null; resource?: null; capturedTensor: tensorflow.CapturedTensor.$Shape })
        );
    }

    interface ISavedUserObject extends tensorflow.SavedUserObject.$Properties {
    }

    class SavedUserObject {
        constructor(properties?: tensorflow.SavedUserObject.$Properties);
        $unknowns?: Uint8Array[];
        identifier: string;
        version?: (tensorflow.VersionDef.$Properties|null);
        metadata: string;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedUserObject & tensorflow.SavedUserObject.$Shape;
    }

    namespace SavedUserObject {
        interface $Properties {
            identifier?: (string|null);
            version?: (tensorflow.VersionDef.$Properties|null);
            metadata?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.SavedUserObject.$Properties;
    }

    interface ISavedAsset extends tensorflow.SavedAsset.$Properties {
    }

    class SavedAsset {
        constructor(properties?: tensorflow.SavedAsset.$Properties);
        $unknowns?: Uint8Array[];
        assetFileDefIndex: number;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedAsset & tensorflow.SavedAsset.$Shape;
    }

    namespace SavedAsset {
        interface $Properties {
            assetFileDefIndex?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.SavedAsset.$Properties;
    }

    interface ISavedFunction extends tensorflow.SavedFunction.$Properties {
    }

    class SavedFunction {
        constructor(properties?: tensorflow.SavedFunction.$Properties);
        $unknowns?: Uint8Array[];
        concreteFunctions: string[];
        functionSpec?: (tensorflow.FunctionSpec.$Properties|null);
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedFunction & tensorflow.SavedFunction.$Shape;
    }

    namespace SavedFunction {
        interface $Properties {
            concreteFunctions?: (string[]|null);
            functionSpec?: (tensorflow.FunctionSpec.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          concreteFunctions?: string[]|null;
          functionSpec?: tensorflow.FunctionSpec.$Shape|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface ICapturedTensor extends tensorflow.CapturedTensor.$Properties {
    }

    class CapturedTensor {
        constructor(properties?: tensorflow.CapturedTensor.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        concreteFunction: string;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.CapturedTensor & tensorflow.CapturedTensor.$Shape;
    }

    namespace CapturedTensor {
        interface $Properties {
            name?: (string|null);
            concreteFunction?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.CapturedTensor.$Properties;
    }

    interface ISavedConcreteFunction extends tensorflow.SavedConcreteFunction.$Properties {
    }

    class SavedConcreteFunction {
        constructor(properties?: tensorflow.SavedConcreteFunction.$Properties);
        $unknowns?: Uint8Array[];
        boundInputs: number[];
        canonicalizedInputSignature?: (tensorflow.StructuredValue.$Properties|null);
        outputSignature?: (tensorflow.StructuredValue.$Properties|null);
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedConcreteFunction & tensorflow.SavedConcreteFunction.$Shape;
    }

    namespace SavedConcreteFunction {
        interface $Properties {
            boundInputs?: (number[]|null);
            canonicalizedInputSignature?: (tensorflow.StructuredValue.$Properties|null);
            outputSignature?: (tensorflow.StructuredValue.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          boundInputs?: number[]|null;
          canonicalizedInputSignature?: tensorflow.StructuredValue.$Shape|null;
          outputSignature?: tensorflow.StructuredValue.$Shape|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface ISavedBareConcreteFunction extends tensorflow.SavedBareConcreteFunction.$Properties {
    }

    class SavedBareConcreteFunction {
        constructor(properties?: tensorflow.SavedBareConcreteFunction.$Properties);
        $unknowns?: Uint8Array[];
        concreteFunctionName: string;
        argumentKeywords: string[];
        allowedPositionalArguments: (number|Long);
        functionSpec?: (tensorflow.FunctionSpec.$Properties|null);
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedBareConcreteFunction & tensorflow.SavedBareConcreteFunction.$Shape;
    }

    namespace SavedBareConcreteFunction {
        interface $Properties {
            concreteFunctionName?: (string|null);
            argumentKeywords?: (string[]|null);
            allowedPositionalArguments?: (number|Long|null);
            functionSpec?: (tensorflow.FunctionSpec.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          concreteFunctionName?: string|null;
          argumentKeywords?: string[]|null;
          allowedPositionalArguments?: number|Long|null;
          functionSpec?: tensorflow.FunctionSpec.$Shape|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface ISavedConstant extends tensorflow.SavedConstant.$Properties {
    }

    class SavedConstant {
        constructor(properties?: tensorflow.SavedConstant.$Properties);
        $unknowns?: Uint8Array[];
        operation: string;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedConstant & tensorflow.SavedConstant.$Shape;
    }

    namespace SavedConstant {
        interface $Properties {
            operation?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.SavedConstant.$Properties;
    }

    interface ISavedVariable extends tensorflow.SavedVariable.$Properties {
    }

    class SavedVariable {
        constructor(properties?: tensorflow.SavedVariable.$Properties);
        $unknowns?: Uint8Array[];
        dtype: tensorflow.DataType;
        shape?: (tensorflow.TensorShapeProto.$Properties|null);
        trainable: boolean;
        synchronization: tensorflow.VariableSynchronization;
        aggregation: tensorflow.VariableAggregation;
        name: string;
        device: string;
        experimentalDistributedVariableComponents: tensorflow.SavedVariable.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedVariable & tensorflow.SavedVariable.$Shape;
    }

    namespace SavedVariable {
        interface $Properties {
            dtype?: (tensorflow.DataType|null);
            shape?: (tensorflow.TensorShapeProto.$Properties|null);
            trainable?: (boolean|null);
            synchronization?: (tensorflow.VariableSynchronization|null);
            aggregation?: (tensorflow.VariableAggregation|null);
            name?: (string|null);
            device?: (string|null);
            experimentalDistributedVariableComponents?: (tensorflow.SavedVariable.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.SavedVariable.$Properties;
    }

    interface IFunctionSpec extends tensorflow.FunctionSpec.$Properties {
    }

    class FunctionSpec {
        constructor(properties?: tensorflow.FunctionSpec.$Properties);
        $unknowns?: Uint8Array[];
        fullargspec?: (tensorflow.StructuredValue.$Properties|null);
        isMethod: boolean;
        inputSignature?: (tensorflow.StructuredValue.$Properties|null);
        jitCompile: tensorflow.FunctionSpec.JitCompile;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.FunctionSpec & tensorflow.FunctionSpec.$Shape;
    }

    namespace FunctionSpec {
        interface $Properties {
            fullargspec?: (tensorflow.StructuredValue.$Properties|null);
            isMethod?: (boolean|null);
            inputSignature?: (tensorflow.StructuredValue.$Properties|null);
            jitCompile?: (tensorflow.FunctionSpec.JitCompile|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          fullargspec?: tensorflow.StructuredValue.$Shape|null;
          isMethod?: boolean|null;
          inputSignature?: tensorflow.StructuredValue.$Shape|null;
          jitCompile?: tensorflow.FunctionSpec.JitCompile|null;
          $unknowns?: Uint8Array[];
        };

        enum JitCompile {
            DEFAULT = 0,
            ON = 1,
            OFF = 2
        }
    }

    interface ISavedResource extends tensorflow.SavedResource.$Properties {
    }

    class SavedResource {
        constructor(properties?: tensorflow.SavedResource.$Properties);
        $unknowns?: Uint8Array[];
        device: string;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedResource & tensorflow.SavedResource.$Shape;
    }

    namespace SavedResource {
        interface $Properties {
            device?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.SavedResource.$Properties;
    }

    interface ISaveableObject extends tensorflow.SaveableObject.$Properties {
    }

    class SaveableObject {
        constructor(properties?: tensorflow.SaveableObject.$Properties);
        $unknowns?: Uint8Array[];
        saveFunction: number;
        restoreFunction: number;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SaveableObject & tensorflow.SaveableObject.$Shape;
    }

    namespace SaveableObject {
        interface $Properties {
            saveFunction?: (number|null);
            restoreFunction?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.SaveableObject.$Properties;
    }

    interface IStructuredValue extends tensorflow.StructuredValue.$Properties {
    }

    class StructuredValue {
        constructor(properties?: tensorflow.StructuredValue.$Properties);
        $unknowns?: Uint8Array[];
        noneValue?: (tensorflow.NoneValue.$Properties|null);
        float64Value?: (number|null);
        int64Value?: (number|Long|null);
        stringValue?: (string|null);
        boolValue?: (boolean|null);
        tensorShapeValue?: (tensorflow.TensorShapeProto.$Properties|null);
        tensorDtypeValue?: (tensorflow.DataType|null);
        tensorSpecValue?: (tensorflow.TensorSpecProto.$Properties|null);
        typeSpecValue?: (tensorflow.TypeSpecProto.$Properties|null);
        boundedTensorSpecValue?: (tensorflow.BoundedTensorSpecProto.$Properties|null);
        listValue?: (tensorflow.ListValue.$Properties|null);
        tupleValue?: (tensorflow.TupleValue.$Properties|null);
        dictValue?: (tensorflow.DictValue.$Properties|null);
        namedTupleValue?: (tensorflow.NamedTupleValue.$Properties|null);
        kind?: ("noneValue"|"float64Value"|"int64Value"|"stringValue"|"boolValue"|"tensorShapeValue"|"tensorDtypeValue"|"tensorSpecValue"|"typeSpecValue"|"boundedTensorSpecValue"|"listValue"|"tupleValue"|"dictValue"|"namedTupleValue");
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.StructuredValue & tensorflow.StructuredValue.$Shape;
    }

    namespace StructuredValue {
        interface $Properties {
            noneValue?: (tensorflow.NoneValue.$Properties|null);
            float64Value?: (number|null);
            int64Value?: (number|Long|null);
            stringValue?: (string|null);
            boolValue?: (boolean|null);
            tensorShapeValue?: (tensorflow.TensorShapeProto.$Properties|null);
            tensorDtypeValue?: (tensorflow.DataType|null);
            tensorSpecValue?: (tensorflow.TensorSpecProto.$Properties|null);
            typeSpecValue?: (tensorflow.TypeSpecProto.$Properties|null);
            boundedTensorSpecValue?: (tensorflow.BoundedTensorSpecProto.$Properties|null);
            listValue?: (tensorflow.ListValue.$Properties|null);
            tupleValue?: (tensorflow.TupleValue.$Properties|null);
            dictValue?: (tensorflow.DictValue.$Properties|null);
            namedTupleValue?: (tensorflow.NamedTupleValue.$Properties|null);
            kind?: ("noneValue"|"float64Value"|"int64Value"|"stringValue"|"boolValue"|"tensorShapeValue"|"tensorDtypeValue"|"tensorSpecValue"|"typeSpecValue"|"boundedTensorSpecValue"|"listValue"|"tupleValue"|"dictValue"|"namedTupleValue");
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          noneValue?: tensorflow.NoneValue.$Shape|null;
          float64Value?: number|null;
          int64Value?: number|Long|null;
          stringValue?: string|null;
          boolValue?: boolean|null;
          tensorShapeValue?: tensorflow.TensorShapeProto.$Shape|null;
          tensorDtypeValue?: tensorflow.DataType|null;
          tensorSpecValue?: tensorflow.TensorSpecProto.$Shape|null;
          typeSpecValue?: tensorflow.TypeSpecProto.$Shape|null;
          boundedTensorSpecValue?: tensorflow.BoundedTensorSpecProto.$Shape|null;
          listValue?: tensorflow.ListValue.$Shape|null;
          tupleValue?: tensorflow.TupleValue.$Shape|null;
          dictValue?: tensorflow.DictValue.$Shape|null;
          namedTupleValue?: tensorflow.NamedTupleValue.$Shape|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ kind?: undefined; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "noneValue"; noneValue: tensorflow.NoneValue.$Shape; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "float64Value"; noneValue?: null; float64Value: number; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "int64Value"; noneValue?: null; float64Value?: null; int64Value: number|Long; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "stringValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue: string; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "boolValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue: boolean; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "tensorShapeValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue: tensorflow.TensorShapeProto.$Shape; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "tensorDtypeValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue: tensorflow.DataType; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "tensorSpecValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue: tensorflow.TensorSpecProto.$Shape; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "typeSpecValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue: tensorflow.TypeSpecProto.$Shape; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "boundedTensorSpecValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue: tensorflow.BoundedTensorSpecProto.$Shape; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "listValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue: tensorflow.ListValue.$Shape; tupleValue?: null; dictValue?: null; namedTupleValue?: null }|{ kind?: "tupleValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue: tensorflow.TupleValue.$Shape; dictValue?: null; namedTupleValue?: null }|{ kind?: "dictValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue: tensorflow.DictValue.$Shape; namedTupleValue?: null }|{ kind?: "namedTupleValue"; noneValue?: null; float64Value?: null; int64Value?: null; stringValue?: null; boolValue?: null; tensorShapeValue?: null; tensorDtypeValue?: null; tensorSpecValue?: null; typeSpecValue?: null; boundedTensorSpecValue?: null; listValue?: null; tupleValue?: null; dictValue?: null; namedTupleValue: tensorflow.NamedTupleValue.$Shape })
        );
    }

    interface INoneValue extends tensorflow.NoneValue.$Properties {
    }

    class NoneValue {
        constructor(properties?: tensorflow.NoneValue.$Properties);
        $unknowns?: Uint8Array[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.NoneValue & tensorflow.NoneValue.$Shape;
    }

    namespace NoneValue {
        interface $Properties {
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.NoneValue.$Properties;
    }

    interface IListValue extends tensorflow.ListValue.$Properties {
    }

    class ListValue {
        constructor(properties?: tensorflow.ListValue.$Properties);
        $unknowns?: Uint8Array[];
        values: tensorflow.StructuredValue.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.ListValue & tensorflow.ListValue.$Shape;
    }

    namespace ListValue {
        interface $Properties {
            values?: (tensorflow.StructuredValue.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          values?: tensorflow.StructuredValue.$Shape[]|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface ITupleValue extends tensorflow.TupleValue.$Properties {
    }

    class TupleValue {
        constructor(properties?: tensorflow.TupleValue.$Properties);
        $unknowns?: Uint8Array[];
        values: tensorflow.StructuredValue.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TupleValue & tensorflow.TupleValue.$Shape;
    }

    namespace TupleValue {
        interface $Properties {
            values?: (tensorflow.StructuredValue.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          values?: tensorflow.StructuredValue.$Shape[]|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface IDictValue extends tensorflow.DictValue.$Properties {
    }

    class DictValue {
        constructor(properties?: tensorflow.DictValue.$Properties);
        $unknowns?: Uint8Array[];
        fields: { [k: string]: tensorflow.StructuredValue.$Properties };
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.DictValue & tensorflow.DictValue.$Shape;
    }

    namespace DictValue {
        interface $Properties {
            fields?: ({ [k: string]: tensorflow.StructuredValue.$Properties }|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          fields?: { [k: string]: tensorflow.StructuredValue.$Shape }|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface IPairValue extends tensorflow.PairValue.$Properties {
    }

    class PairValue {
        constructor(properties?: tensorflow.PairValue.$Properties);
        $unknowns?: Uint8Array[];
        key: string;
        value?: (tensorflow.StructuredValue.$Properties|null);
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.PairValue & tensorflow.PairValue.$Shape;
    }

    namespace PairValue {
        interface $Properties {
            key?: (string|null);
            value?: (tensorflow.StructuredValue.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          key?: string|null;
          value?: tensorflow.StructuredValue.$Shape|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface INamedTupleValue extends tensorflow.NamedTupleValue.$Properties {
    }

    class NamedTupleValue {
        constructor(properties?: tensorflow.NamedTupleValue.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        values: tensorflow.PairValue.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.NamedTupleValue & tensorflow.NamedTupleValue.$Shape;
    }

    namespace NamedTupleValue {
        interface $Properties {
            name?: (string|null);
            values?: (tensorflow.PairValue.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          name?: string|null;
          values?: tensorflow.PairValue.$Shape[]|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface ITensorSpecProto extends tensorflow.TensorSpecProto.$Properties {
    }

    class TensorSpecProto {
        constructor(properties?: tensorflow.TensorSpecProto.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        shape?: (tensorflow.TensorShapeProto.$Properties|null);
        dtype: tensorflow.DataType;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorSpecProto & tensorflow.TensorSpecProto.$Shape;
    }

    namespace TensorSpecProto {
        interface $Properties {
            name?: (string|null);
            shape?: (tensorflow.TensorShapeProto.$Properties|null);
            dtype?: (tensorflow.DataType|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.TensorSpecProto.$Properties;
    }

    interface IBoundedTensorSpecProto extends tensorflow.BoundedTensorSpecProto.$Properties {
    }

    class BoundedTensorSpecProto {
        constructor(properties?: tensorflow.BoundedTensorSpecProto.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        shape?: (tensorflow.TensorShapeProto.$Properties|null);
        dtype: tensorflow.DataType;
        minimum?: (tensorflow.TensorProto.$Properties|null);
        maximum?: (tensorflow.TensorProto.$Properties|null);
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.BoundedTensorSpecProto & tensorflow.BoundedTensorSpecProto.$Shape;
    }

    namespace BoundedTensorSpecProto {
        interface $Properties {
            name?: (string|null);
            shape?: (tensorflow.TensorShapeProto.$Properties|null);
            dtype?: (tensorflow.DataType|null);
            minimum?: (tensorflow.TensorProto.$Properties|null);
            maximum?: (tensorflow.TensorProto.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.BoundedTensorSpecProto.$Properties;
    }

    interface ITypeSpecProto extends tensorflow.TypeSpecProto.$Properties {
    }

    class TypeSpecProto {
        constructor(properties?: tensorflow.TypeSpecProto.$Properties);
        $unknowns?: Uint8Array[];
        typeSpecClass: tensorflow.TypeSpecProto.TypeSpecClass;
        typeState?: (tensorflow.StructuredValue.$Properties|null);
        typeSpecClassName: string;
        numFlatComponents: number;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TypeSpecProto & tensorflow.TypeSpecProto.$Shape;
    }

    namespace TypeSpecProto {
        interface $Properties {
            typeSpecClass?: (tensorflow.TypeSpecProto.TypeSpecClass|null);
            typeState?: (tensorflow.StructuredValue.$Properties|null);
            typeSpecClassName?: (string|null);
            numFlatComponents?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          typeSpecClass?: tensorflow.TypeSpecProto.TypeSpecClass|null;
          typeState?: tensorflow.StructuredValue.$Shape|null;
          typeSpecClassName?: string|null;
          numFlatComponents?: number|null;
          $unknowns?: Uint8Array[];
        };

        enum TypeSpecClass {
            UNKNOWN = 0,
            SPARSE_TENSOR_SPEC = 1,
            INDEXED_SLICES_SPEC = 2,
            RAGGED_TENSOR_SPEC = 3,
            TENSOR_ARRAY_SPEC = 4,
            DATA_DATASET_SPEC = 5,
            DATA_ITERATOR_SPEC = 6,
            OPTIONAL_SPEC = 7,
            PER_REPLICA_SPEC = 8,
            VARIABLE_SPEC = 9,
            ROW_PARTITION_SPEC = 10,
            REGISTERED_TYPE_SPEC = 12,
            EXTENSION_TYPE_SPEC = 13
        }
    }

    interface ITrackableObjectGraph extends tensorflow.TrackableObjectGraph.$Properties {
    }

    class TrackableObjectGraph {
        constructor(properties?: tensorflow.TrackableObjectGraph.$Properties);
        $unknowns?: Uint8Array[];
        nodes: tensorflow.TrackableObjectGraph.TrackableObject.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TrackableObjectGraph & tensorflow.TrackableObjectGraph.$Shape;
    }

    namespace TrackableObjectGraph {
        interface $Properties {
            nodes?: (tensorflow.TrackableObjectGraph.TrackableObject.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.TrackableObjectGraph.$Properties;

        interface ITrackableObject extends tensorflow.TrackableObjectGraph.TrackableObject.$Properties {
        }

        class TrackableObject {
            constructor(properties?: tensorflow.TrackableObjectGraph.TrackableObject.$Properties);
            $unknowns?: Uint8Array[];
            children: tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Properties[];
            attributes: tensorflow.TrackableObjectGraph.TrackableObject.SerializedTensor.$Properties[];
            slotVariables: tensorflow.TrackableObjectGraph.TrackableObject.SlotVariableReference.$Properties[];
            registeredSaver?: (tensorflow.RegisteredSaver.$Properties|null);
            hasCheckpointValues?: (google.protobuf.BoolValue.$Properties|null);
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TrackableObjectGraph.TrackableObject & tensorflow.TrackableObjectGraph.TrackableObject.$Shape;
        }

        namespace TrackableObject {
            interface $Properties {
                children?: (tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Properties[]|null);
                attributes?: (tensorflow.TrackableObjectGraph.TrackableObject.SerializedTensor.$Properties[]|null);
                slotVariables?: (tensorflow.TrackableObjectGraph.TrackableObject.SlotVariableReference.$Properties[]|null);
                registeredSaver?: (tensorflow.RegisteredSaver.$Properties|null);
                hasCheckpointValues?: (google.protobuf.BoolValue.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = tensorflow.TrackableObjectGraph.TrackableObject.$Properties;

            interface IObjectReference extends tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Properties {
            }

            class ObjectReference {
                constructor(properties?: tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Properties);
                $unknowns?: Uint8Array[];
                nodeId: number;
                localName: string;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference & tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Shape;
            }

            namespace ObjectReference {
                interface $Properties {
                    nodeId?: (number|null);
                    localName?: (string|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tensorflow.TrackableObjectGraph.TrackableObject.ObjectReference.$Properties;
            }

            interface ISerializedTensor extends tensorflow.TrackableObjectGraph.TrackableObject.SerializedTensor.$Properties {
            }

            class SerializedTensor {
                constructor(properties?: tensorflow.TrackableObjectGraph.TrackableObject.SerializedTensor.$Properties);
                $unknowns?: Uint8Array[];
                name: string;
                fullName: string;
                checkpointKey: string;
                optionalRestore: boolean;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TrackableObjectGraph.TrackableObject.SerializedTensor & tensorflow.TrackableObjectGraph.TrackableObject.SerializedTensor.$Shape;
            }

            namespace SerializedTensor {
                interface $Properties {
                    name?: (string|null);
                    fullName?: (string|null);
                    checkpointKey?: (string|null);
                    optionalRestore?: (boolean|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tensorflow.TrackableObjectGraph.TrackableObject.SerializedTensor.$Properties;
            }

            interface ISlotVariableReference extends tensorflow.TrackableObjectGraph.TrackableObject.SlotVariableReference.$Properties {
            }

            class SlotVariableReference {
                constructor(properties?: tensorflow.TrackableObjectGraph.TrackableObject.SlotVariableReference.$Properties);
                $unknowns?: Uint8Array[];
                originalVariableNodeId: number;
                slotName: string;
                slotVariableNodeId: number;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TrackableObjectGraph.TrackableObject.SlotVariableReference & tensorflow.TrackableObjectGraph.TrackableObject.SlotVariableReference.$Shape;
            }

            namespace SlotVariableReference {
                interface $Properties {
                    originalVariableNodeId?: (number|null);
                    slotName?: (string|null);
                    slotVariableNodeId?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tensorflow.TrackableObjectGraph.TrackableObject.SlotVariableReference.$Properties;
            }
        }
    }

    interface IRegisteredSaver extends tensorflow.RegisteredSaver.$Properties {
    }

    class RegisteredSaver {
        constructor(properties?: tensorflow.RegisteredSaver.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        objectName: string;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.RegisteredSaver & tensorflow.RegisteredSaver.$Shape;
    }

    namespace RegisteredSaver {
        interface $Properties {
            name?: (string|null);
            objectName?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.RegisteredSaver.$Properties;
    }

    interface ISaverDef extends tensorflow.SaverDef.$Properties {
    }

    class SaverDef {
        constructor(properties?: tensorflow.SaverDef.$Properties);
        $unknowns?: Uint8Array[];
        filenameTensorName: string;
        saveTensorName: string;
        restoreOpName: string;
        maxToKeep: number;
        sharded: boolean;
        keepCheckpointEveryNHours: number;
        version: tensorflow.SaverDef.CheckpointFormatVersion;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SaverDef & tensorflow.SaverDef.$Shape;
    }

    namespace SaverDef {
        interface $Properties {
            filenameTensorName?: (string|null);
            saveTensorName?: (string|null);
            restoreOpName?: (string|null);
            maxToKeep?: (number|null);
            sharded?: (boolean|null);
            keepCheckpointEveryNHours?: (number|null);
            version?: (tensorflow.SaverDef.CheckpointFormatVersion|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.SaverDef.$Properties;

        enum CheckpointFormatVersion {
            LEGACY = 0,
            V1 = 1,
            V2 = 2
        }
    }

    interface ISavedModel extends tensorflow.SavedModel.$Properties {
    }

    class SavedModel {
        constructor(properties?: tensorflow.SavedModel.$Properties);
        $unknowns?: Uint8Array[];
        savedModelSchemaVersion: (number|Long);
        metaGraphs: tensorflow.MetaGraphDef.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SavedModel & tensorflow.SavedModel.$Shape;
    }

    namespace SavedModel {
        interface $Properties {
            savedModelSchemaVersion?: (number|Long|null);
            metaGraphs?: (tensorflow.MetaGraphDef.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          savedModelSchemaVersion?: number|Long|null;
          metaGraphs?: tensorflow.MetaGraphDef.$Shape[]|null;
          $unknowns?: Uint8Array[];
        };
    }

    interface IBundleHeaderProto extends tensorflow.BundleHeaderProto.$Properties {
    }

    class BundleHeaderProto {
        constructor(properties?: tensorflow.BundleHeaderProto.$Properties);
        $unknowns?: Uint8Array[];
        numShards: number;
        endianness: tensorflow.BundleHeaderProto.Endianness;
        version?: (tensorflow.VersionDef.$Properties|null);
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.BundleHeaderProto & tensorflow.BundleHeaderProto.$Shape;
    }

    namespace BundleHeaderProto {
        interface $Properties {
            numShards?: (number|null);
            endianness?: (tensorflow.BundleHeaderProto.Endianness|null);
            version?: (tensorflow.VersionDef.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = tensorflow.BundleHeaderProto.$Properties;

        enum Endianness {
            LITTLE = 0,
            BIG = 1
        }
    }

    interface IBundleEntryProto extends tensorflow.BundleEntryProto.$Properties {
    }

    class BundleEntryProto {
        constructor(properties?: tensorflow.BundleEntryProto.$Properties);
        $unknowns?: Uint8Array[];
        dtype: tensorflow.DataType;
        shape?: (tensorflow.TensorShapeProto.$Properties|null);
        shardId: number;
        offset: (number|Long);
        size: (number|Long);
        crc32c: number;
        slices: tensorflow.TensorSliceProto.$Properties[];
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.BundleEntryProto & tensorflow.BundleEntryProto.$Shape;
    }

    namespace BundleEntryProto {
        interface $Properties {
            dtype?: (tensorflow.DataType|null);
            shape?: (tensorflow.TensorShapeProto.$Properties|null);
            shardId?: (number|null);
            offset?: (number|Long|null);
            size?: (number|Long|null);
            crc32c?: (number|null);
            slices?: (tensorflow.TensorSliceProto.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          dtype?: tensorflow.DataType|null;
          shape?: tensorflow.TensorShapeProto.$Shape|null;
          shardId?: number|null;
          offset?: number|Long|null;
          size?: number|Long|null;
          crc32c?: number|null;
          slices?: tensorflow.TensorSliceProto.$Shape[]|null;
          $unknowns?: Uint8Array[];
        };
    }
}

export namespace google {

    namespace protobuf {

        interface IAny extends google.protobuf.Any.$Properties {
        }

        class Any {
            constructor(properties?: google.protobuf.Any.$Properties);
            $unknowns?: Uint8Array[];
            type_url: string;
            value: Uint8Array;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Any & google.protobuf.Any.$Shape;
        }

        namespace Any {
            interface $Properties {
                type_url?: (string|null);
                value?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.Any.$Properties;
        }

        interface IDoubleValue extends google.protobuf.DoubleValue.$Properties {
        }

        class DoubleValue {
            constructor(properties?: google.protobuf.DoubleValue.$Properties);
            $unknowns?: Uint8Array[];
            value: number;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.DoubleValue & google.protobuf.DoubleValue.$Shape;
        }

        namespace DoubleValue {
            interface $Properties {
                value?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.DoubleValue.$Properties;
        }

        interface IFloatValue extends google.protobuf.FloatValue.$Properties {
        }

        class FloatValue {
            constructor(properties?: google.protobuf.FloatValue.$Properties);
            $unknowns?: Uint8Array[];
            value: number;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.FloatValue & google.protobuf.FloatValue.$Shape;
        }

        namespace FloatValue {
            interface $Properties {
                value?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.FloatValue.$Properties;
        }

        interface IInt64Value extends google.protobuf.Int64Value.$Properties {
        }

        class Int64Value {
            constructor(properties?: google.protobuf.Int64Value.$Properties);
            $unknowns?: Uint8Array[];
            value: (number|Long);
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Int64Value & google.protobuf.Int64Value.$Shape;
        }

        namespace Int64Value {
            interface $Properties {
                value?: (number|Long|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.Int64Value.$Properties;
        }

        interface IUInt64Value extends google.protobuf.UInt64Value.$Properties {
        }

        class UInt64Value {
            constructor(properties?: google.protobuf.UInt64Value.$Properties);
            $unknowns?: Uint8Array[];
            value: (number|Long);
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.UInt64Value & google.protobuf.UInt64Value.$Shape;
        }

        namespace UInt64Value {
            interface $Properties {
                value?: (number|Long|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.UInt64Value.$Properties;
        }

        interface IInt32Value extends google.protobuf.Int32Value.$Properties {
        }

        class Int32Value {
            constructor(properties?: google.protobuf.Int32Value.$Properties);
            $unknowns?: Uint8Array[];
            value: number;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Int32Value & google.protobuf.Int32Value.$Shape;
        }

        namespace Int32Value {
            interface $Properties {
                value?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.Int32Value.$Properties;
        }

        interface IUInt32Value extends google.protobuf.UInt32Value.$Properties {
        }

        class UInt32Value {
            constructor(properties?: google.protobuf.UInt32Value.$Properties);
            $unknowns?: Uint8Array[];
            value: number;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.UInt32Value & google.protobuf.UInt32Value.$Shape;
        }

        namespace UInt32Value {
            interface $Properties {
                value?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.UInt32Value.$Properties;
        }

        interface IBoolValue extends google.protobuf.BoolValue.$Properties {
        }

        class BoolValue {
            constructor(properties?: google.protobuf.BoolValue.$Properties);
            $unknowns?: Uint8Array[];
            value: boolean;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.BoolValue & google.protobuf.BoolValue.$Shape;
        }

        namespace BoolValue {
            interface $Properties {
                value?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.BoolValue.$Properties;
        }

        interface IStringValue extends google.protobuf.StringValue.$Properties {
        }

        class StringValue {
            constructor(properties?: google.protobuf.StringValue.$Properties);
            $unknowns?: Uint8Array[];
            value: string;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.StringValue & google.protobuf.StringValue.$Shape;
        }

        namespace StringValue {
            interface $Properties {
                value?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.StringValue.$Properties;
        }

        interface IBytesValue extends google.protobuf.BytesValue.$Properties {
        }

        class BytesValue {
            constructor(properties?: google.protobuf.BytesValue.$Properties);
            $unknowns?: Uint8Array[];
            value: Uint8Array;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.BytesValue & google.protobuf.BytesValue.$Shape;
        }

        namespace BytesValue {
            interface $Properties {
                value?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.BytesValue.$Properties;
        }
    }
}
